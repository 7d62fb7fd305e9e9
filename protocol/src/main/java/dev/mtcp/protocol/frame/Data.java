package dev.mtcp.protocol.frame;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * DATA (0x10), both directions: stream bytes at a stream offset.
 * <pre>
 * offset(i64, &gt;= 0) bytes(the rest of the payload, 0..65536)
 * </pre>
 * The payload carries no inner length: the byte count is the frame length minus 8. {@code offset +
 * bytes.length} never overflows. Use {@link #length()}, {@link #copyTo}, {@link #writeTo} or
 * {@link #asReadOnlyBuffer()} on the hot path; {@link #bytes()} returns a copy.
 */
public record Data(long offset, byte[] bytes) implements Frame {
    public Data {
        Fields.nonNegative("offset", offset);
        bytes = Fields.bytes("bytes", bytes, 0, Limits.MAX_DATA_BYTES);
        if (offset > Long.MAX_VALUE - bytes.length) {
            throw new IllegalArgumentException("offset + length overflows: offset=" + offset + " length=" + bytes.length);
        }
    }

    @Override
    public FrameType type() {
        return FrameType.DATA;
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    /** Number of stream bytes. */
    public int length() {
        return bytes.length;
    }

    /** The stream offset just past this frame's bytes. */
    public long endOffset() {
        return offset + bytes.length;
    }

    /** Copies {@code len} bytes starting at {@code from} (relative to this frame) into {@code dst}. */
    public void copyTo(int from, byte[] dst, int dstOffset, int len) {
        System.arraycopy(bytes, from, dst, dstOffset, len);
    }

    /** Writes the stream bytes to {@code out} without copying them. */
    public void writeTo(OutputStream out) throws IOException {
        out.write(bytes);
    }

    /** A read-only view of the stream bytes (no copy). */
    public ByteBuffer asReadOnlyBuffer() {
        return ByteBuffer.wrap(bytes).asReadOnlyBuffer();
    }

    /** Appends the stream bytes to a frame being encoded, without an intermediate copy. */
    void writeBytesTo(WireWriter w) {
        w.raw(bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Data d && offset == d.offset && Arrays.equals(bytes, d.bytes);
    }

    @Override
    public int hashCode() {
        return 31 * Long.hashCode(offset) + Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "Data[offset=" + offset + ", length=" + bytes.length + "]";
    }
}
