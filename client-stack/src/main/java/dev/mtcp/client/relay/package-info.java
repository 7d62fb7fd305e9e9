/**
 * What the SOCKS5 and transparent proxies share: the {@link dev.mtcp.client.relay.Duplex} a
 * destination is reached through, the {@link dev.mtcp.client.relay.ServiceConnector} that opens one to a
 * service (plain TCP here; a migratory connection in the migratory connector), the
 * {@link dev.mtcp.client.relay.Relay} that pumps bytes both ways with backpressure and half-close, the
 * {@link dev.mtcp.client.relay.AcceptLoop} that accepts and tracks sessions, and the
 * {@link dev.mtcp.client.relay.RelayedSession} state each session relays with.
 */
package dev.mtcp.client.relay;
