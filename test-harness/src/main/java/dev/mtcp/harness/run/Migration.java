package dev.mtcp.harness.run;

/**
 * One migration of one connection as the proxy's samples show it.
 *
 * @param seconds    when it was first seen (since the workload started)
 * @param connection the connection id
 * @param from       the server before
 * @param to         the server after
 */
public record Migration(double seconds, String connection, String from, String to) {
    /**
     * The server id used when a connection moved more than once between two samples and the
     * intermediate servers were not seen.
     */
    public static final String UNSEEN = "(unseen)";
}
