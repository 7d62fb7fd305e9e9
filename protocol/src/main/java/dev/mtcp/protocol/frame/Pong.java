package dev.mtcp.protocol.frame;

/**
 * PONG (0x13), both directions: answer to a PING or a HELLO PROBE (id = probe nonce).
 * <pre>
 * id(i64) sendTimeNanos(i64, echoed) loadPermille(u16, 0..1000, the sender's load)
 * </pre>
 */
public record Pong(long id, long sendTimeNanos, int loadPermille) implements Frame {
    public Pong {
        Fields.range("loadPermille", loadPermille, 0, Limits.MAX_LOAD_PERMILLE);
    }

    @Override
    public FrameType type() {
        return FrameType.PONG;
    }
}
