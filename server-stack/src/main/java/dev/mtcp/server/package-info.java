/** MigratoryServer and the app API (MigratoryApp, MigratoryConnection). */
package dev.mtcp.server;
