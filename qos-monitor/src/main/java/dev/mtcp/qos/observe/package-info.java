/** Observers that feed metrics: TCP_INFO through FFM, pcap4j passive capture. */
package dev.mtcp.qos.observe;
