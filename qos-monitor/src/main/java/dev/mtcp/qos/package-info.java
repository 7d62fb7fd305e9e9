/** QoS monitor: per-connection metrics, observers, policies, and the pure decision engine. */
package dev.mtcp.qos;
