/**
 * SOCKS5 listener (RFC 1928 CONNECT; methods no-auth and RFC 1929 username/password): the requested
 * destination is matched to a configured service (by name or by a server's address) and relayed over
 * one connection to that service; an unknown destination is refused with reply 0x02, or relayed as
 * plain TCP when passthrough is configured.
 */
package dev.mtcp.client.socks;
