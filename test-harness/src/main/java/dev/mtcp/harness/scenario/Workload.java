package dev.mtcp.harness.scenario;

/**
 * The clients of a run.
 *
 * @param app          the application the clients talk to
 * @param connections  how many migratory connections run in parallel
 * @param bytes        bytes each connection transfers (for {@code stream}: downloads; {@code echo}: sends and verifies)
 * @param client       which client drives them
 * @param server       the server the connections start on
 */
public record Workload(App app, int connections, long bytes, ClientKind client, String server) {
    /** The built-in verifying client, or curl through the proxy (http only). */
    public enum ClientKind { BUILTIN, CURL }
}
