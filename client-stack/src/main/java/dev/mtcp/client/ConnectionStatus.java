package dev.mtcp.client;

/**
 * A connection as the admin API shows it (JSON keys are exactly these names).
 *
 * @param id         connection id, hex
 * @param server     current server id (empty while failing over)
 * @param epoch      current epoch
 * @param migrations migrations completed
 * @param bytesUp    bytes the app wrote
 * @param bytesDown  bytes delivered to the app's input
 * @param state      OPEN, MIGRATING, FAILING_OVER, CLOSING, CLOSED or FAILED
 */
public record ConnectionStatus(String id, String server, long epoch, long migrations, long bytesUp, long bytesDown,
                               String state) {
}
