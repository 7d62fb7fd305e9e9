package dev.mtcp.client;

import dev.mtcp.protocol.ConnectionId;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A completed migration.
 *
 * @param handshake MIGRATE sent → WELCOME received
 * @param pause     the client-observed downstream gap: last new downstream byte before the switch →
 *                  first new byte after it; present only in {@link MigrationListener#onPauseMeasured}
 *                  (it is known once the first byte arrives) and only when bytes were flowing
 */
public record MigrationEvent(ConnectionId id, String fromServer, String toServer, String reason, long epoch,
                             Instant at, Duration handshake, Optional<Duration> pause) {
    /** This event with its measured pause. */
    public MigrationEvent withPause(Duration p) {
        return new MigrationEvent(id, fromServer, toServer, reason, epoch, at, handshake, Optional.of(p));
    }
}
