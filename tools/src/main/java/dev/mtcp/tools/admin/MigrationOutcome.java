package dev.mtcp.tools.admin;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Objects;

/**
 * The result of one migration asked through the admin API.
 *
 * @param id connection id
 * @param from server before
 * @param to server after (or the target that was tried, when it failed)
 * @param ok whether the connection now runs on {@code to}
 * @param handshakeMillis client-observed pause, 0 when it failed
 * @param error why it failed; empty when ok
 */
@JsonPropertyOrder({"id", "from", "to", "ok", "handshakeMillis", "error"})
public record MigrationOutcome(String id, String from, String to, boolean ok, double handshakeMillis, String error) {
    public MigrationOutcome {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(error, "error");
    }

    public static MigrationOutcome succeeded(String id, String from, String to, double handshakeMillis) {
        return new MigrationOutcome(id, from, to, true, handshakeMillis, "");
    }

    public static MigrationOutcome failed(String id, String from, String to, String error) {
        return new MigrationOutcome(id, from, to, false, 0, error);
    }
}
