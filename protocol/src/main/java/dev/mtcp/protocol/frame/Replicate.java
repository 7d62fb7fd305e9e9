package dev.mtcp.protocol.frame;

import dev.mtcp.protocol.ConnectionId;
import java.util.Arrays;
import java.util.Objects;

/**
 * REPLICATE (0x25), primary to backup: a checkpoint delta sealed with the group key.
 * <pre>
 * id(16) sequence(i64, &gt;= 0) sealedDelta(the rest of the payload)
 * </pre>
 * The frame takes ownership of {@code sealedDelta} (not copied: a delta carries up to a MiB of log
 * bytes and is freshly sealed for this one frame); callers must not modify the array afterwards.
 * {@link #sealedDelta()} still hands out a copy.
 */
public record Replicate(ConnectionId id, long sequence, byte[] sealedDelta) implements Frame {
    /** Largest sealedDelta that fits a REPLICATE frame. */
    public static final int MAX_SEALED_BYTES = Limits.MAX_STATE_BYTES - ConnectionId.LENGTH - 8;

    public Replicate {
        Objects.requireNonNull(id, "id");
        Fields.nonNegative("sequence", sequence);
        Objects.requireNonNull(sealedDelta, "sealedDelta");
        if (sealedDelta.length > MAX_SEALED_BYTES) {
            throw new IllegalArgumentException("sealedDelta must be 0.." + MAX_SEALED_BYTES + " bytes, got " + sealedDelta.length);
        }
    }

    @Override
    public FrameType type() {
        return FrameType.REPLICATE;
    }

    @Override
    public byte[] sealedDelta() {
        return sealedDelta.clone();
    }

    /** The sealed bytes themselves, for the encoder (not copied; never modified). */
    byte[] sealedBytes() {
        return sealedDelta;
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
