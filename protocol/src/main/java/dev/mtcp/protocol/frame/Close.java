package dev.mtcp.protocol.frame;

import dev.mtcp.protocol.ErrorCode;
import java.util.Objects;

/**
 * CLOSE (0x16), both directions: the sender ends the migratory connection (not just the carrier).
 * <pre>
 * code(u16, an ErrorCode wire value) reason(str16, 0..1024)
 * </pre>
 */
public record Close(ErrorCode code, String reason) implements Frame {
    public Close {
        Objects.requireNonNull(code, "code");
        Fields.string("reason", reason, 0, Limits.MAX_REASON_BYTES);
    }

    @Override
    public FrameType type() {
        return FrameType.CLOSE;
    }
}
