package dev.mtcp.protocol.frame;

/**
 * FIN (0x15), both directions: the sender's stream ends at {@code endOffset} (half-close).
 * <pre>
 * endOffset(i64, &gt;= 0)
 * </pre>
 */
public record Fin(long endOffset) implements Frame {
    public Fin {
        Fields.nonNegative("endOffset", endOffset);
    }

    @Override
    public FrameType type() {
        return FrameType.FIN;
    }
}
