package dev.mtcp.protocol.frame;

import dev.mtcp.protocol.ConnectionId;
import java.util.Objects;

/**
 * REPLICATE_ACK (0x26), backup to primary: every delta up to {@code sequence} is held.
 * <pre>
 * id(16) sequence(i64, &gt;= 0)
 * </pre>
 */
public record ReplicateAck(ConnectionId id, long sequence) implements Frame {
    public ReplicateAck {
        Objects.requireNonNull(id, "id");
        Fields.nonNegative("sequence", sequence);
    }

    @Override
    public FrameType type() {
        return FrameType.REPLICATE_ACK;
    }
}
