/**
 * {@code mtcp demo}: three real {@code mtcp server} processes on loopback serving one file over the
 * http app, an in-process proxy with a QoS policy, and an unchanged client (curl, or a plain-socket
 * client when curl is missing). During the download the demo slows the serving server through a
 * fault-injecting relay (the policy migrates the connection), then kills the next server outright
 * (crash failover). It verifies the SHA-256 of what the client received and writes an HTML report.
 */
package dev.mtcp.tools.demo;
