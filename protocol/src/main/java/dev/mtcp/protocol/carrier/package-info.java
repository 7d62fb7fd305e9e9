/**
 * The framed TCP carrier that both the client and the server stack use: one kernel TCP connection
 * that reads {@link dev.mtcp.protocol.frame.Frame frames} on its caller's thread and writes them
 * from a queue-fed virtual thread, so no caller ever blocks on the network.
 */
package dev.mtcp.protocol.carrier;
