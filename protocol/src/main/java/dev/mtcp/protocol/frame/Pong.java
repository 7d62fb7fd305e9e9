package dev.mtcp.protocol.frame;

/**
 * PONG (0x13), both directions: answer to a PING or a HELLO PROBE (id = probe nonce).
 * <pre>
 * id(i64) sendTimeNanos(i64, echoed) loadPermille(u16, 0..1000, the sender's load)
 * downEnd(i64 >= 0, the end offset of the downstream bytes the answering server's app has produced
 *         so far; 0 from a client and on a PROBE carrier)
 * </pre>
 * With {@code downEnd} the client learns whether the server holds data it has not received
 * ({@code downEnd > delivered}): the "server has data outstanding" half of a QoS stall.
 */
public record Pong(long id, long sendTimeNanos, int loadPermille, long downEnd) implements Frame {
    public Pong {
        Fields.range("loadPermille", loadPermille, 0, Limits.MAX_LOAD_PERMILLE);
        Fields.nonNegative("downEnd", downEnd);
    }

    /** A PONG that reports no downstream (a client's answer, a PROBE carrier). */
    public Pong(long id, long sendTimeNanos, int loadPermille) {
        this(id, sendTimeNanos, loadPermille, 0);
    }

    @Override
    public FrameType type() {
        return FrameType.PONG;
    }
}
