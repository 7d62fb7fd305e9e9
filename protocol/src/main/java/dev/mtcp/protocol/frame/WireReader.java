package dev.mtcp.protocol.frame;

import dev.mtcp.protocol.ConnectionId;
import dev.mtcp.protocol.ErrorCode;
import dev.mtcp.protocol.ProtocolException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A bounds-checked big-endian reader over one payload. Every length is checked against both its
 * declared maximum and the bytes actually left before anything is allocated; a short payload, an
 * oversize field or malformed UTF-8 is a {@link ProtocolException} with BAD_FIELD.
 */
public final class WireReader {
    private final byte[] buf;
    private final int end;
    private int pos;

    public WireReader(byte[] buf) {
        this(buf, 0, buf.length);
    }

    public WireReader(byte[] buf, int offset, int length) {
        this.buf = buf;
        this.pos = offset;
        this.end = offset + length;
    }

    public int remaining() {
        return end - pos;
    }

    private void need(int n, String field) throws ProtocolException {
        if (n > end - pos) {
            throw new ProtocolException(ErrorCode.BAD_FIELD, "payload ends inside " + field);
        }
    }

    public int u8(String field) throws ProtocolException {
        need(1, field);
        return buf[pos++] & 0xFF;
    }

    public int u16(String field) throws ProtocolException {
        need(2, field);
        int v = ((buf[pos] & 0xFF) << 8) | (buf[pos + 1] & 0xFF);
        pos += 2;
        return v;
    }

    public long u32(String field) throws ProtocolException {
        need(4, field);
        long v = getInt(buf, pos) & 0xFFFF_FFFFL;
        pos += 4;
        return v;
    }

    public long i64(String field) throws ProtocolException {
        need(8, field);
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (buf[pos + i] & 0xFF);
        }
        pos += 8;
        return v;
    }

    /** An i64 that must be &gt;= 0. */
    public long offset(String field) throws ProtocolException {
        long v = i64(field);
        if (v < 0) {
            throw new ProtocolException(ErrorCode.BAD_FIELD, field + " is negative: " + v);
        }
        return v;
    }

    public byte[] raw(int n, String field) throws ProtocolException {
        need(n, field);
        byte[] b = Arrays.copyOfRange(buf, pos, pos + n);
        pos += n;
        return b;
    }

    /** u16 length within [min, max], then the bytes. */
    public byte[] bytes16(int min, int max, String field) throws ProtocolException {
        int n = u16(field + " length");
        checkLength(n, min, max, field);
        return raw(n, field);
    }

    /** u16 length of 0 or exactly {@code len}. */
    public byte[] bytes16Optional(int len, String field) throws ProtocolException {
        int n = u16(field + " length");
        if (n != 0 && n != len) {
            throw new ProtocolException(ErrorCode.BAD_FIELD, field + " must be 0 or " + len + " bytes, got " + n);
        }
        return raw(n, field);
    }

    /** u16 length within [min, max], then strict UTF-8. */
    public String str16(int min, int max, String field) throws ProtocolException {
        int n = u16(field + " length");
        checkLength(n, min, max, field);
        need(n, field);
        try {
            CharBuffer cb = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(buf, pos, n));
            pos += n;
            return cb.toString();
        } catch (CharacterCodingException e) {
            throw new ProtocolException(ErrorCode.BAD_FIELD, field + " is not valid UTF-8");
        }
    }

    /** u16 count within [0, max]. */
    public int count16(int max, String field) throws ProtocolException {
        int n = u16(field + " count");
        if (n > max) {
            throw new ProtocolException(ErrorCode.BAD_FIELD, field + " count " + n + " exceeds " + max);
        }
        return n;
    }

    public ConnectionId id(String field) throws ProtocolException {
        return new ConnectionId(raw(ConnectionId.LENGTH, field));
    }

    /** All bytes left. */
    public byte[] rest() {
        byte[] b = Arrays.copyOfRange(buf, pos, end);
        pos = end;
        return b;
    }

    /** Fails unless every byte was consumed. */
    public void expectEnd(String what) throws ProtocolException {
        if (pos != end) {
            throw new ProtocolException(ErrorCode.BAD_FIELD, what + " has " + (end - pos) + " trailing bytes");
        }
    }

    private static void checkLength(int n, int min, int max, String field) throws ProtocolException {
        if (n < min || n > max) {
            throw new ProtocolException(ErrorCode.BAD_FIELD, field + " length " + n + " outside " + min + ".." + max);
        }
    }

    static int getInt(byte[] b, int at) {
        return ((b[at] & 0xFF) << 24) | ((b[at + 1] & 0xFF) << 16) | ((b[at + 2] & 0xFF) << 8) | (b[at + 3] & 0xFF);
    }
}
