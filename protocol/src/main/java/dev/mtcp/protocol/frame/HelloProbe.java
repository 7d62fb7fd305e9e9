package dev.mtcp.protocol.frame;

/**
 * HELLO kind PROBE: measure a candidate server without opening a connection (answered by PONG).
 * <pre>
 * version(u16) kind=3(u8) nonce(i64)
 * </pre>
 */
public record HelloProbe(int version, long nonce) implements Hello {
    public HelloProbe {
        Fields.range("version", version, 0, 0xFFFF);
    }
}
