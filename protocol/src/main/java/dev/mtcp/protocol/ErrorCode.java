package dev.mtcp.protocol;

/**
 * Why a frame, a handshake or a connection failed. Each code has a stable wire value (u16), used in
 * REJECT and CLOSE frames; see docs/protocol.md, "Error codes".
 */
public enum ErrorCode {
    NORMAL_CLOSE(0x0000),
    PROTOCOL_ERROR(0x0001),
    FRAME_TOO_LARGE(0x0002),
    UNKNOWN_FRAME_TYPE(0x0003),
    BAD_FIELD(0x0004),
    UNSUPPORTED_VERSION(0x0005),
    BAD_SIGNATURE(0x0010),
    REPLAY(0x0011),
    UNKNOWN_CONNECTION(0x0012),
    FENCED(0x0013),
    STALE_EPOCH(0x0014),
    BAD_TICKET(0x0015),
    TICKET_EXPIRED(0x0016),
    TIMESTAMP_OUT_OF_WINDOW(0x0017),
    PEER_AUTH_FAILED(0x0018),
    OVERLOADED(0x0020),
    RATE_LIMITED(0x0021),
    STATE_UNAVAILABLE(0x0022),
    APP_ERROR(0x0030),
    INTERNAL_ERROR(0x0031),
    GAVE_UP(0x0032);

    private final int wireValue;

    ErrorCode(int wireValue) {
        this.wireValue = wireValue;
    }

    /** The u16 value carried on the wire. */
    public int wireValue() {
        return wireValue;
    }

    /**
     * The code for a wire value.
     *
     * @throws ProtocolException BAD_FIELD when no code has that value
     */
    public static ErrorCode fromWire(int wireValue) throws ProtocolException {
        for (ErrorCode c : values()) {
            if (c.wireValue == wireValue) {
                return c;
            }
        }
        throw new ProtocolException(ErrorCode.BAD_FIELD, "unknown error code 0x" + Integer.toHexString(wireValue));
    }
}
