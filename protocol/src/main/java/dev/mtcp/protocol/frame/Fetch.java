package dev.mtcp.protocol.frame;

import dev.mtcp.protocol.ConnectionId;
import dev.mtcp.protocol.crypto.MigrateRequest;
import java.util.Objects;

/**
 * FETCH (0x22), destination to origin on an authenticated peer channel: release the connection's state.
 * <pre>
 * id(16) newEpoch(i64, &gt;= 1) proof(MigrateRequest wire form) requesterId(str16, 1..64)
 * </pre>
 */
public record Fetch(ConnectionId id, long newEpoch, MigrateRequest proof, String requesterId) implements Frame {
    public Fetch {
        Objects.requireNonNull(id, "id");
        Fields.nonNegative("newEpoch", newEpoch);
        Objects.requireNonNull(proof, "proof");
        Fields.string("requesterId", requesterId, 1, Limits.MAX_ID_BYTES);
    }

    @Override
    public FrameType type() {
        return FrameType.FETCH;
    }
}
