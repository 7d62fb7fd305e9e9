package dev.mtcp.server;

/**
 * A server application: {@link #serve} is called once per connection, on its own virtual thread,
 * both for a new connection and when a connection resumes here after a migration
 * ({@link MigratoryConnection#importedState()} is then the last exported snapshot).
 *
 * <p>Contract: the output must be a deterministic function of the snapshot and the input that
 * follows it; export a snapshot at natural points (end of a request, every N KiB of a stream), and
 * at least once per input-log limit of consumed input, or the client's upstream stalls.
 */
@FunctionalInterface
public interface MigratoryApp {
    void serve(MigratoryConnection conn) throws Exception;
}
