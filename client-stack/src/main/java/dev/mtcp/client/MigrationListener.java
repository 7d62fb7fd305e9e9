package dev.mtcp.client;

import dev.mtcp.protocol.ConnectionId;
import dev.mtcp.protocol.frame.HintReason;
import java.util.List;

/** Migration events of one connection. Called on the connection's thread: return quickly. */
public interface MigrationListener {
    /** The connection switched to a new carrier (epoch, server). */
    default void onMigrated(MigrationEvent e) {
    }

    /** The first new downstream byte after a migration arrived; {@code e.pause()} is present. */
    default void onPauseMeasured(MigrationEvent e) {
    }

    /** A migration attempt failed; the connection stays where it was (or keeps failing over). */
    default void onMigrationFailed(ConnectionId id, String toServer, String why) {
    }

    /** The server asked the client to move. */
    default void onServerHint(ConnectionId id, HintReason reason, List<String> targets) {
    }

    /** No server could take the connection within giveUpAfter; the app's streams now fail. */
    default void onGaveUp(ConnectionId id, String why) {
    }
}
