package dev.mtcp.protocol.io;

import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/**
 * A read buffer that starts small and doubles, up to a maximum, each time one read from the
 * underlying stream fills all the room it had: an idle or chatty carrier keeps a few KiB, a bulk
 * stream soon reads in large chunks. (A fixed 256 KiB {@code BufferedInputStream} per carrier cost a
 * quarter of the CPU of a mass migration, zeroing buffers that mostly carried one HELLO.) Reads of at
 * least the buffer's size bypass it. For one reading thread: no locking.
 */
public final class GrowingBufferedInputStream extends InputStream {
    private final InputStream in;
    private final int maxBytes;
    private byte[] buf;
    private int pos;
    private int count;

    public GrowingBufferedInputStream(InputStream in, int initialBytes, int maxBytes) {
        if (initialBytes <= 0 || maxBytes < initialBytes) {
            throw new IllegalArgumentException("need 0 < initialBytes <= maxBytes, got " + initialBytes + ", " + maxBytes);
        }
        this.in = Objects.requireNonNull(in, "in");
        this.maxBytes = maxBytes;
        this.buf = new byte[initialBytes];
    }

    /** The current buffer size (grows under load, never beyond the maximum). */
    public int bufferBytes() {
        return buf.length;
    }

    @Override
    public int read() throws IOException {
        if (pos == count && fill() < 0) {
            return -1;
        }
        return buf[pos++] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        if (len == 0) {
            return 0;
        }
        if (pos == count) {
            if (len >= buf.length) {
                return in.read(b, off, len);
            }
            if (fill() < 0) {
                return -1;
            }
        }
        int n = Math.min(len, count - pos);
        System.arraycopy(buf, pos, b, off, n);
        pos += n;
        return n;
    }

    @Override
    public int available() throws IOException {
        return (count - pos) + in.available();
    }

    private int fill() throws IOException {
        pos = 0;
        count = 0;
        int n = in.read(buf, 0, buf.length);
        if (n <= 0) {
            return -1;
        }
        count = n;
        if (n == buf.length && buf.length < maxBytes) {
            byte[] bigger = new byte[Math.min(maxBytes, buf.length * 2)];
            System.arraycopy(buf, 0, bigger, 0, n);
            buf = bigger;
        }
        return n;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
