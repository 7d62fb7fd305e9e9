/** Per-connection metrics: goodput windows and EWMA, RTT, retransmissions, stalls, server load. */
package dev.mtcp.qos.metrics;
