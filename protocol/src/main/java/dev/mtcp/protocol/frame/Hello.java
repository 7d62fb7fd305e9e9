package dev.mtcp.protocol.frame;

import dev.mtcp.protocol.ErrorCode;
import dev.mtcp.protocol.ProtocolException;

/**
 * HELLO (0x01), client to server, the first frame on every carrier. One type byte on the wire, then
 * {@code version(u16) kind(u8)} and the kind's fields. Each kind is its own record.
 */
public sealed interface Hello extends Frame permits HelloNew, HelloMigrate, HelloProbe {
    int KIND_NEW = 1;
    int KIND_MIGRATE = 2;
    int KIND_PROBE = 3;

    /**
     * Checks the version this implementation speaks.
     *
     * @throws ProtocolException UNSUPPORTED_VERSION otherwise
     */
    static void requireSupportedVersion(int version) throws ProtocolException {
        if (version != Limits.VERSION) {
            throw new ProtocolException(ErrorCode.UNSUPPORTED_VERSION,
                    "protocol version " + version + " is not supported; this implementation speaks " + Limits.VERSION);
        }
    }

    /** Protocol version the client speaks (u16). */
    int version();

    @Override
    default FrameType type() {
        return FrameType.HELLO;
    }
}
