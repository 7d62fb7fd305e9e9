package dev.mtcp.client.qos;

import dev.mtcp.qos.metrics.MetricsSnapshot;
import java.time.Instant;
import java.util.Objects;

/**
 * A migration the QoS policy asked for, with the numbers that caused it.
 *
 * @param decidedAt  when the monitor asked the socket to migrate
 * @param fromServer the server the connection was on
 * @param toServer   the chosen target
 * @param reason     the decision's reason and detail, as passed to {@code MigratorySocket.migrate}
 * @param metrics    the connection's measurements at the decision
 */
public record QosMigration(Instant decidedAt, String fromServer, String toServer, String reason,
                           MetricsSnapshot metrics) {
    public QosMigration {
        Objects.requireNonNull(decidedAt, "decidedAt");
        Objects.requireNonNull(fromServer, "fromServer");
        Objects.requireNonNull(toServer, "toServer");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(metrics, "metrics");
    }
}
