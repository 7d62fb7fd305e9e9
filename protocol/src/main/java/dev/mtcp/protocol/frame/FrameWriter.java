package dev.mtcp.protocol.frame;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * Writes frames. Each {@link #write} encodes header and payload into one reused buffer and hands it to
 * the stream in a single {@code write} call (one copy of DATA bytes); FrameWriter itself holds nothing
 * back, {@link #flush()} only flushes the underlying stream. Single-threaded.
 */
public final class FrameWriter {
    private static final int KEPT_BUFFER_BYTES = Limits.HEADER_BYTES + Limits.MAX_DATA_PAYLOAD_BYTES;

    private final OutputStream out;
    private static final int IDLE_BUFFER_BYTES = 256;

    private final WireWriter buf = new WireWriter(IDLE_BUFFER_BYTES);

    public FrameWriter(OutputStream out) {
        this.out = Objects.requireNonNull(out, "out");
    }

    public void write(Frame f) throws IOException {
        encodeInto(f, buf.reset());
        out.write(buf.array(), 0, buf.size());
        if (buf.array().length > KEPT_BUFFER_BYTES) {
            buf.shrinkTo(KEPT_BUFFER_BYTES);
        }
    }

    /** Shrinks the encoding buffer to a small one (it grows again with the next large frame). */
    public void releaseBuffer() {
        buf.shrinkTo(IDLE_BUFFER_BYTES);
    }

    public void flush() throws IOException {
        out.flush();
    }

    /** The complete frame (header and payload). */
    public static byte[] encode(Frame f) {
        WireWriter w = new WireWriter(64);
        encodeInto(f, w);
        return w.toByteArray();
    }

    /**
     * Puts the complete frame into {@code dst}.
     *
     * @throws java.nio.BufferOverflowException when {@code dst} has too little room (nothing is written)
     */
    public static void encode(Frame f, ByteBuffer dst) {
        WireWriter w = new WireWriter(64);
        encodeInto(f, w);
        dst.put(w.array(), 0, w.size());
    }

    private static void encodeInto(Frame f, WireWriter w) {
        w.u8(f.type().code()).u8(0).u32(0);
        FrameEncoder.payload(f, w);
        int length = w.size() - Limits.HEADER_BYTES;
        if (length > f.type().maxPayloadBytes()) {
            throw new IllegalArgumentException(f.type() + " payload of " + length + " bytes exceeds " + f.type().maxPayloadBytes());
        }
        w.patchU32(FrameHeader.LENGTH_OFFSET, length);
    }
}
