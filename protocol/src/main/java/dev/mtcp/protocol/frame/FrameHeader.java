package dev.mtcp.protocol.frame;

import dev.mtcp.protocol.ErrorCode;
import dev.mtcp.protocol.ProtocolException;

/**
 * The 6-byte frame header and its checks, made before any payload byte is read or allocated.
 * <pre>
 *  0        1        2                                   6
 * +--------+--------+--------+--------+--------+--------+---- ... ----+
 * |  type  | flags  |            length (u32)           |  payload    |
 * +--------+--------+--------+--------+--------+--------+---- ... ----+
 * </pre>
 */
final class FrameHeader {
    static final int TYPE_OFFSET = 0;
    static final int FLAGS_OFFSET = 1;
    static final int LENGTH_OFFSET = 2;

    private FrameHeader() {
    }

    /**
     * Validates a header: known type, zero flags, length within the type's maximum and the reader's cap.
     *
     * @return the frame type
     */
    static FrameType check(int typeCode, int flags, long length, int maxPayloadBytes) throws ProtocolException {
        FrameType type = FrameType.fromCode(typeCode);
        if (flags != 0) {
            throw new ProtocolException(ErrorCode.BAD_FIELD, type + " has reserved flags set: 0x" + Integer.toHexString(flags));
        }
        long max = Math.min(type.maxPayloadBytes(), maxPayloadBytes);
        if (length > max) {
            throw new ProtocolException(ErrorCode.FRAME_TOO_LARGE, type + " declares " + length + " payload bytes, maximum " + max);
        }
        return type;
    }

    static long length(byte[] header) {
        return WireReader.getInt(header, LENGTH_OFFSET) & 0xFFFF_FFFFL;
    }
}
