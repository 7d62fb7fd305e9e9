/**
 * Linux transparent mode: an iptables {@code REDIRECT} rule ({@link dev.mtcp.client.transparent.RedirectRules})
 * sends an unchanged app's connection to a configured server's real address to the proxy; the proxy
 * reads the original destination ({@link dev.mtcp.client.transparent.OriginalDestination}, getsockopt
 * {@code SO_ORIGINAL_DST} through FFM), matches it to a service, and relays over a connection to it.
 */
package dev.mtcp.client.transparent;
