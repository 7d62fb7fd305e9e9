package dev.mtcp.protocol.frame;

import dev.mtcp.protocol.ErrorCode;
import java.util.Objects;

/**
 * REJECT (0x03), server to client, answers a HELLO that is refused; the server closes the carrier after it.
 * <pre>
 * code(u16, an ErrorCode wire value) reason(str16, 0..1024)
 * </pre>
 */
public record Reject(ErrorCode code, String reason) implements Frame {
    public Reject {
        Objects.requireNonNull(code, "code");
        Fields.string("reason", reason, 0, Limits.MAX_REASON_BYTES);
    }

    @Override
    public FrameType type() {
        return FrameType.REJECT;
    }
}
