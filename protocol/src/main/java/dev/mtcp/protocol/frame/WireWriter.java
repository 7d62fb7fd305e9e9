package dev.mtcp.protocol.frame;

import dev.mtcp.protocol.ConnectionId;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A growable big-endian byte sink for frame payloads and canonical encodings. Reusable: {@link #reset()}
 * keeps the array. Single-threaded.
 */
public final class WireWriter {
    private byte[] buf;
    private int size;

    public WireWriter(int initialCapacity) {
        this.buf = new byte[Math.max(16, initialCapacity)];
    }

    public WireWriter reset() {
        size = 0;
        return this;
    }

    /** Drops the array if it grew beyond {@code maxKeptBytes}, so one huge frame does not pin memory. */
    void shrinkTo(int maxKeptBytes) {
        if (buf.length > maxKeptBytes) {
            buf = new byte[maxKeptBytes];
        }
        size = 0;
    }

    public int size() {
        return size;
    }

    /** The backing array; valid bytes are [0, size()). */
    public byte[] array() {
        return buf;
    }

    public byte[] toByteArray() {
        return Arrays.copyOf(buf, size);
    }

    private void ensure(int more) {
        int need = size + more;
        if (need > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(need, buf.length * 2));
        }
    }

    public WireWriter u8(int v) {
        ensure(1);
        buf[size++] = (byte) v;
        return this;
    }

    public WireWriter u16(int v) {
        ensure(2);
        buf[size++] = (byte) (v >>> 8);
        buf[size++] = (byte) v;
        return this;
    }

    public WireWriter u32(long v) {
        ensure(4);
        putInt(buf, size, (int) v);
        size += 4;
        return this;
    }

    public WireWriter i64(long v) {
        ensure(8);
        for (int i = 7; i >= 0; i--) {
            buf[size + i] = (byte) v;
            v >>>= 8;
        }
        size += 8;
        return this;
    }

    public WireWriter raw(byte[] b) {
        return raw(b, 0, b.length);
    }

    public WireWriter raw(byte[] b, int off, int len) {
        ensure(len);
        System.arraycopy(b, off, buf, size, len);
        size += len;
        return this;
    }

    /** u16 length then the bytes. */
    public WireWriter bytes16(byte[] b) {
        return u16(b.length).raw(b);
    }

    /** u16 length then UTF-8. */
    public WireWriter str16(String s) {
        return bytes16(s.getBytes(StandardCharsets.UTF_8));
    }

    public WireWriter id(ConnectionId id) {
        ensure(ConnectionId.LENGTH);
        id.copyTo(buf, size);
        size += ConnectionId.LENGTH;
        return this;
    }

    /** Overwrites 4 bytes at {@code at} (for patching a length). */
    public void patchU32(int at, int v) {
        putInt(buf, at, v);
    }

    static void putInt(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 24);
        b[at + 1] = (byte) (v >>> 16);
        b[at + 2] = (byte) (v >>> 8);
        b[at + 3] = (byte) v;
    }
}
