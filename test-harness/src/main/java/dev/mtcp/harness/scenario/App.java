package dev.mtcp.harness.scenario;

/** The built-in server applications ({@code mtcp server --app}). */
public enum App {
    /** Echoes every byte back. */
    ECHO,
    /** Sends a deterministic byte stream of the requested length, so the client can verify every byte. */
    STREAM,
    /** Serves files over HTTP/1.1 from {@code --root}. */
    HTTP;

    public String cliName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
