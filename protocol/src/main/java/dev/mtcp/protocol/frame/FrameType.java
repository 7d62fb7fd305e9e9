package dev.mtcp.protocol.frame;

import dev.mtcp.protocol.ErrorCode;
import dev.mtcp.protocol.ProtocolException;

/** The type byte of a frame and the largest payload that type may declare. */
public enum FrameType {
    HELLO(0x01, Limits.MAX_CONTROL_BYTES),
    WELCOME(0x02, Limits.MAX_CONTROL_BYTES),
    REJECT(0x03, Limits.MAX_CONTROL_BYTES),
    DATA(0x10, Limits.MAX_DATA_PAYLOAD_BYTES),
    ACK(0x11, Limits.MAX_CONTROL_BYTES),
    PING(0x12, Limits.MAX_CONTROL_BYTES),
    PONG(0x13, Limits.MAX_CONTROL_BYTES),
    MIGRATE_HINT(0x14, Limits.MAX_CONTROL_BYTES),
    FIN(0x15, Limits.MAX_CONTROL_BYTES),
    CLOSE(0x16, Limits.MAX_CONTROL_BYTES),
    PEER_HELLO(0x20, Limits.MAX_CONTROL_BYTES),
    PEER_PROOF(0x21, Limits.MAX_CONTROL_BYTES),
    FETCH(0x22, Limits.MAX_CONTROL_BYTES),
    STATE(0x23, Limits.MAX_STATE_BYTES),
    COMMIT(0x24, Limits.MAX_CONTROL_BYTES),
    REPLICATE(0x25, Limits.MAX_STATE_BYTES),
    REPLICATE_ACK(0x26, Limits.MAX_CONTROL_BYTES);

    private static final FrameType[] BY_CODE = new FrameType[256];

    static {
        for (FrameType t : values()) {
            BY_CODE[t.code] = t;
        }
    }

    private final int code;
    private final int maxPayloadBytes;

    FrameType(int code, int maxPayloadBytes) {
        this.code = code;
        this.maxPayloadBytes = maxPayloadBytes;
    }

    /** The type byte on the wire. */
    public int code() {
        return code;
    }

    /** The largest payload length a frame of this type may declare. */
    public int maxPayloadBytes() {
        return maxPayloadBytes;
    }

    /**
     * The type for a wire byte.
     *
     * @throws ProtocolException UNKNOWN_FRAME_TYPE
     */
    public static FrameType fromCode(int code) throws ProtocolException {
        FrameType t = (code >= 0 && code < 256) ? BY_CODE[code] : null;
        if (t == null) {
            throw new ProtocolException(ErrorCode.UNKNOWN_FRAME_TYPE, "unknown frame type 0x" + Integer.toHexString(code));
        }
        return t;
    }
}
