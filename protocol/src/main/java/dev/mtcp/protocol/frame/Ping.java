package dev.mtcp.protocol.frame;

/**
 * PING (0x12), both directions; answered by a PONG echoing both fields.
 * <pre>
 * id(i64) sendTimeNanos(i64, the sender's monotonic clock, opaque to the receiver)
 * </pre>
 */
public record Ping(long id, long sendTimeNanos) implements Frame {
    @Override
    public FrameType type() {
        return FrameType.PING;
    }
}
