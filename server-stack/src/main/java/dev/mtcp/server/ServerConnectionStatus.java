package dev.mtcp.server;

/**
 * One connection held by a server.
 *
 * @param id         connection id (hex)
 * @param epoch      current epoch
 * @param state      ACTIVE, MOVING (fenced, waiting for COMMIT) or CLOSED
 * @param attached   a client carrier is attached right now
 * @param bytesUp    upstream bytes received by this server
 * @param bytesDown  downstream bytes produced by the app here (not counting regenerated ones)
 */
public record ServerConnectionStatus(String id, long epoch, String state, boolean attached, long bytesUp, long bytesDown) {
}
