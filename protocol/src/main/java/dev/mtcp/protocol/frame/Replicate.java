package dev.mtcp.protocol.frame;

import dev.mtcp.protocol.ConnectionId;
import java.util.Arrays;
import java.util.Objects;

/**
 * REPLICATE (0x25), primary to backup: a checkpoint delta sealed with the group key.
 * <pre>
 * id(16) sequence(i64, &gt;= 0) sealedDelta(the rest of the payload)
 * </pre>
 */
public record Replicate(ConnectionId id, long sequence, byte[] sealedDelta) implements Frame {
    /** Largest sealedDelta that fits a REPLICATE frame. */
    public static final int MAX_SEALED_BYTES = Limits.MAX_STATE_BYTES - ConnectionId.LENGTH - 8;

    public Replicate {
        Objects.requireNonNull(id, "id");
        Fields.nonNegative("sequence", sequence);
        sealedDelta = Fields.bytes("sealedDelta", sealedDelta, 0, MAX_SEALED_BYTES);
    }

    @Override
    public FrameType type() {
        return FrameType.REPLICATE;
    }

    @Override
    public byte[] sealedDelta() {
        return sealedDelta.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Replicate r && id.equals(r.id) && sequence == r.sequence && Arrays.equals(sealedDelta, r.sealedDelta);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, sequence, Arrays.hashCode(sealedDelta));
    }

    @Override
    public String toString() {
        return "Replicate[id=" + id + ", sequence=" + sequence + ", sealedBytes=" + sealedDelta.length + "]";
    }
}
