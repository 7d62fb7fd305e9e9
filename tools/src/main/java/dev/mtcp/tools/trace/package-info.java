/**
 * {@code mtcp trace}: captures carriers with pcap4j, reassembles each TCP direction, and decodes the
 * mtcp frames in it into one line each ({@code >> DATA conn=… off=… len=…}).
 */
package dev.mtcp.tools.trace;
