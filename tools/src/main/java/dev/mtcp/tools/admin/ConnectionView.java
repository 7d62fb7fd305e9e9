package dev.mtcp.tools.admin;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Objects;

/**
 * One proxy connection as {@code GET /connections} shows it. The JSON keys are exactly
 * {@code id, server, epoch, migrations, bytesUp, bytesDown, state} (issue 3), in that order.
 *
 * @param id connection id, 32 hex digits
 * @param server id of the server that holds the connection now
 * @param epoch current epoch (raised by every migration)
 * @param migrations how many times it moved
 * @param bytesUp upstream bytes the client app sent
 * @param bytesDown downstream bytes delivered to the client app
 * @param state e.g. OPEN, MIGRATING, CLOSED
 */
@JsonPropertyOrder({"id", "server", "epoch", "migrations", "bytesUp", "bytesDown", "state"})
public record ConnectionView(String id, String server, long epoch, long migrations, long bytesUp, long bytesDown,
                             String state) {
    public ConnectionView {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(state, "state");
    }
}
