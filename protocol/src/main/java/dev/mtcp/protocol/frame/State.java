package dev.mtcp.protocol.frame;

import dev.mtcp.protocol.ConnectionId;
import java.util.Arrays;
import java.util.Objects;

/**
 * STATE (0x23), origin to destination: the connection's migratable state sealed with the group key
 * ({@link dev.mtcp.protocol.crypto.StateSealer}). One frame, up to {@link Limits#MAX_STATE_BYTES}.
 * <pre>
 * id(16) epoch(i64) sealedState(the rest of the payload)
 * </pre>
 */
public record State(ConnectionId id, long epoch, byte[] sealedState) implements Frame {
    /** Largest sealedState that fits a STATE frame. */
    public static final int MAX_SEALED_BYTES = Limits.MAX_STATE_BYTES - ConnectionId.LENGTH - 8;

    public State {
        Objects.requireNonNull(id, "id");
        Fields.nonNegative("epoch", epoch);
        sealedState = Fields.bytes("sealedState", sealedState, 0, MAX_SEALED_BYTES);
    }

    @Override
    public FrameType type() {
        return FrameType.STATE;
    }

    @Override
    public byte[] sealedState() {
        return sealedState.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof State s && id.equals(s.id) && epoch == s.epoch && Arrays.equals(sealedState, s.sealedState);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, epoch, Arrays.hashCode(sealedState));
    }

    @Override
    public String toString() {
        return "State[id=" + id + ", epoch=" + epoch + ", sealedBytes=" + sealedState.length + "]";
    }
}
