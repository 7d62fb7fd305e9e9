package dev.mtcp.qos.decision;

import java.util.List;
import java.util.Objects;

/**
 * A server's MIGRATE_HINT as the decision engine sees it (the client stack maps the frame).
 *
 * @param fromServer the server that sent it (a hint from a server the connection has left is dropped)
 * @param reason     why the server wants the client gone
 * @param targets    servers it suggests, best first (may be empty)
 */
public record ServerHint(String fromServer, Reason reason, List<String> targets) {
    /** Mirrors the protocol's hint reasons. */
    public enum Reason {
        /** Maintenance: always followed at once (no cooldown, cap, age or hysteresis) under {@code migrate}. */
        DRAIN,
        /** The server is overloaded: followed, but within the cooldown and per-minute cap. */
        OVERLOAD,
        /** The server is under attack: treated like OVERLOAD. */
        ATTACK
    }

    public ServerHint {
        Objects.requireNonNull(fromServer, "fromServer");
        Objects.requireNonNull(reason, "reason");
        targets = List.copyOf(targets);
    }
}
