package dev.mtcp.protocol.io;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/**
 * A read buffer whose size follows the traffic: it doubles (up to a maximum) while every refill fills it,
 * and halves (down to a minimum) while refills bring in less than a quarter of it. A busy carrier reads in
 * large chunks; an idle one, woken only by a PING now and then, holds a few hundred bytes instead of the
 * maximum. A read at least as large as the buffer, made while the buffer is empty, goes straight to the
 * underlying stream (a DATA payload is not copied twice). Single-threaded; mark/reset unsupported.
 */
public final class AdaptiveBufferedInputStream extends FilterInputStream {
    private final int minBytes;
    private final int maxBytes;
    private byte[] buf;
    private int pos;
    private int count;

    public AdaptiveBufferedInputStream(InputStream in, int minBytes, int maxBytes) {
        super(Objects.requireNonNull(in, "in"));
        if (minBytes < 16 || maxBytes < minBytes) {
            throw new IllegalArgumentException("need 16 <= minBytes <= maxBytes, got " + minBytes + ", " + maxBytes);
        }
        this.minBytes = minBytes;
        this.maxBytes = maxBytes;
        this.buf = new byte[minBytes];
    }

    /** The current buffer size (for tests and memory accounting). */
    public int bufferBytes() {
        return buf.length;
    }

    @Override
    public int read() throws IOException {
        if (pos == count && !fill()) {
            return -1;
        }
        return buf[pos++] & 0xff;
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
            if (!fill()) {
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

    @Override
    public long skip(long n) throws IOException {
        if (n <= 0) {
            return 0;
        }
        if (pos < count) {
            long skipped = Math.min(n, count - pos);
            pos += (int) skipped;
            return skipped;
        }
        return in.skip(n);
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    /** Refills the empty buffer, then resizes it by what this refill brought; false at end of stream. */
    private boolean fill() throws IOException {
        int n;
        do {
            n = in.read(buf, 0, buf.length);
        } while (n == 0);
        pos = 0;
        count = Math.max(n, 0);
        if (n < 0) {
            return false;
        }
        resizeAfter(n);
        return true;
    }

    private void resizeAfter(int filled) {
        int next = buf.length;
        if (filled == buf.length && buf.length < maxBytes) {
            next = Math.min(maxBytes, buf.length * 2);
        } else if (filled < buf.length / 4 && buf.length > minBytes) {
            next = Math.max(minBytes, buf.length / 2);
        }
        if (next != buf.length) {
            byte[] resized = new byte[next];
            System.arraycopy(buf, 0, resized, 0, count);
            buf = resized;
        }
    }
}
