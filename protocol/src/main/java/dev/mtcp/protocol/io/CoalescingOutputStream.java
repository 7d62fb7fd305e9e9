package dev.mtcp.protocol.io;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.Objects;

/**
 * Collects small writes into one buffer so a burst of frames leaves in few segments, like a
 * {@link java.io.BufferedOutputStream}, but the buffer grows only as far as the writes need (up to a
 * maximum) and {@link #release()} hands it back while the stream is idle. A write at least as large as
 * the maximum goes straight to the underlying stream after what is buffered. Single-threaded.
 */
public final class CoalescingOutputStream extends FilterOutputStream {
    private static final byte[] EMPTY = new byte[0];
    private static final int FIRST_BYTES = 256;

    private final int maxBytes;
    private byte[] buf = EMPTY;
    private int count;

    public CoalescingOutputStream(OutputStream out, int maxBytes) {
        super(Objects.requireNonNull(out, "out"));
        if (maxBytes < FIRST_BYTES) {
            throw new IllegalArgumentException("maxBytes must be at least " + FIRST_BYTES + ", got " + maxBytes);
        }
        this.maxBytes = maxBytes;
    }

    /** The current buffer size (for tests and memory accounting). */
    public int bufferBytes() {
        return buf.length;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        if (len >= maxBytes) {
            flushBuffer();
            out.write(b, off, len);
            return;
        }
        if (count + len > maxBytes) {
            flushBuffer();
        }
        if (count + len > buf.length) {
            buf = Arrays.copyOf(buf, Math.min(maxBytes, Math.max(count + len, Math.max(FIRST_BYTES, buf.length * 2))));
        }
        System.arraycopy(b, off, buf, count, len);
        count += len;
    }

    @Override
    public void flush() throws IOException {
        flushBuffer();
        out.flush();
    }

    /** Flushes, then drops the buffer; the next write allocates a small one again. */
    public void release() throws IOException {
        flush();
        buf = EMPTY;
    }

    private void flushBuffer() throws IOException {
        if (count > 0) {
            out.write(buf, 0, count);
            count = 0;
        }
    }
}
