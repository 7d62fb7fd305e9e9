/**
 * The glue between a {@link dev.mtcp.client.MigratorySocket} (the mechanism) and the qos-monitor
 * (the policy): {@link dev.mtcp.client.qos.QosMonitoredSockets#attach} feeds a connection's events into
 * {@link dev.mtcp.qos.metrics.ConnectionMetrics}, runs a {@link dev.mtcp.qos.QosMonitor} for it, probes
 * alternates over real PROBE carriers ({@link dev.mtcp.client.qos.ProbeCarrierProber}) and migrates
 * through {@link dev.mtcp.client.MigratorySocket#migrate} when the policy decides so.
 */
package dev.mtcp.client.qos;
