/**
 * A fault-injecting TCP relay: sits in front of a server on loopback and, on command, throttles,
 * stalls, or cuts the connections that pass through it. Used by {@code mtcp demo} and by
 * integration tests that need a degraded server without root or network namespaces.
 */
package dev.mtcp.harness.relay;
