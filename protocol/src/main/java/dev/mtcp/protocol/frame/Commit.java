package dev.mtcp.protocol.frame;

import dev.mtcp.protocol.ConnectionId;
import java.util.Objects;

/**
 * COMMIT (0x24), destination to origin: the destination owns the connection at {@code epoch}; the
 * origin may drop its copy.
 * <pre>
 * id(16) epoch(i64)
 * </pre>
 */
public record Commit(ConnectionId id, long epoch) implements Frame {
    public Commit {
        Objects.requireNonNull(id, "id");
        Fields.nonNegative("epoch", epoch);
    }

    @Override
    public FrameType type() {
        return FrameType.COMMIT;
    }
}
