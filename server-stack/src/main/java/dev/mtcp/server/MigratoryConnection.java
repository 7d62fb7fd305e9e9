package dev.mtcp.server;

import dev.mtcp.protocol.ConnectionId;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Optional;

/**
 * One migratory connection as the app sees it. The streams throw {@link java.io.IOException} once
 * the connection has moved to another server or was closed by the client; the app then just returns.
 */
public interface MigratoryConnection {
    /** Upstream bytes; after a resume it first replays the input logged since the snapshot. EOF = client half-closed. */
    InputStream input();

    /** Downstream bytes; after a resume, bytes the client already has are dropped. close() = half-close (FIN). */
    OutputStream output();

    /** The snapshot this connection resumed from, present only after a migration with a checkpoint. */
    Optional<byte[]> importedState();

    /** Checkpoint: records {@code snapshot} together with the input consumed and output produced so far, atomically. */
    void exportState(byte[] snapshot);

    ConnectionId id();
}
