/** The socket-free session core: send buffer, input log, output log, offsets and backpressure. */
package dev.mtcp.protocol.session;
