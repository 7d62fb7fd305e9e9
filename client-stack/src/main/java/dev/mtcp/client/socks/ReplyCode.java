package dev.mtcp.client.socks;

/** The REP field of a SOCKS5 reply (RFC 1928 §6). */
public enum ReplyCode {
    SUCCEEDED(0x00),
    GENERAL_FAILURE(0x01),
    /** "connection not allowed by ruleset": the destination is no configured service and passthrough is off. */
    NOT_ALLOWED(0x02),
    NETWORK_UNREACHABLE(0x03),
    HOST_UNREACHABLE(0x04),
    CONNECTION_REFUSED(0x05),
    TTL_EXPIRED(0x06),
    COMMAND_NOT_SUPPORTED(0x07),
    ADDRESS_TYPE_NOT_SUPPORTED(0x08);

    private final int wireValue;

    ReplyCode(int wireValue) {
        this.wireValue = wireValue;
    }

    public int wireValue() {
        return wireValue;
    }

    /** The code for a wire value, e.g. to read a reply in a test client. */
    public static ReplyCode fromWire(int value) {
        for (ReplyCode c : values()) {
            if (c.wireValue == value) {
                return c;
            }
        }
        throw new IllegalArgumentException("SOCKS5 reply code 0x" + Integer.toHexString(value) + " is not defined");
    }
}
