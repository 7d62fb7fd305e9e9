/** MigratorySocket: the client library and its migration engine. */
package dev.mtcp.client;
