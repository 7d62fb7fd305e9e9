package dev.mtcp.protocol.frame;

/**
 * ACK (0x11), both directions, cumulative. From the server: upstream bytes below {@code offset} are
 * durable (per the durability mode). From the client: downstream bytes below {@code offset} are delivered.
 * <pre>
 * offset(i64, &gt;= 0)
 * </pre>
 */
public record Ack(long offset) implements Frame {
    public Ack {
        Fields.nonNegative("offset", offset);
    }

    @Override
    public FrameType type() {
        return FrameType.ACK;
    }
}
