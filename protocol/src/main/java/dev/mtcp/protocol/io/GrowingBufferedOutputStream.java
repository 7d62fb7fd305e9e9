package dev.mtcp.protocol.io;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Objects;

/**
 * A write buffer that starts small and doubles, up to a maximum, when what is written before a flush
 * does not fit: small frames between flushes still leave in one write, a bulk sender soon batches
 * up to the maximum, and an idle carrier keeps a few KiB instead of a fixed 256 KiB. A write larger
 * than the maximum flushes and goes straight to the stream. For one writing thread: no locking.
 */
public final class GrowingBufferedOutputStream extends OutputStream {
    private final OutputStream out;
    private final int maxBytes;
    private byte[] buf;
    private int count;

    public GrowingBufferedOutputStream(OutputStream out, int initialBytes, int maxBytes) {
        if (initialBytes <= 0 || maxBytes < initialBytes) {
            throw new IllegalArgumentException("need 0 < initialBytes <= maxBytes, got " + initialBytes + ", " + maxBytes);
        }
        this.out = Objects.requireNonNull(out, "out");
        this.maxBytes = maxBytes;
        this.buf = new byte[initialBytes];
    }

    /** The current buffer size (grows under load, never beyond the maximum). */
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
        if (count + len > buf.length) {
            grow(count + len);
        }
        if (count + len > buf.length) {
            flushBuffer();
            if (len >= buf.length) {
                out.write(b, off, len);
                return;
            }
        }
        System.arraycopy(b, off, buf, count, len);
        count += len;
    }

    private void grow(int needed) {
        if (buf.length >= maxBytes) {
            return;
        }
        int size = buf.length;
        while (size < needed && size < maxBytes) {
            size = Math.min(maxBytes, size * 2);
        }
        byte[] bigger = new byte[size];
        System.arraycopy(buf, 0, bigger, 0, count);
        buf = bigger;
    }

    private void flushBuffer() throws IOException {
        if (count > 0) {
            out.write(buf, 0, count);
            count = 0;
        }
    }

    @Override
    public void flush() throws IOException {
        flushBuffer();
        out.flush();
    }

    @Override
    public void close() throws IOException {
        try {
            flush();
        } finally {
            out.close();
        }
    }
}
