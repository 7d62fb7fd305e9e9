package dev.mtcp.server.internal;

/**
 * Per-connection bounds.
 *
 * @param inputLogBytes   upstream bytes after the last checkpoint before ACKs stop
 * @param outputLogBytes  downstream bytes not ACKed by the client before the app's writes block
 * @param sendWindowBytes downstream bytes in flight on a carrier beyond the client's ACK
 */
public record SessionLimits(long inputLogBytes, long outputLogBytes, long sendWindowBytes) {
}
