/** Sample apps that use the export/import API: echo, stream, http. */
package dev.mtcp.server.apps;
