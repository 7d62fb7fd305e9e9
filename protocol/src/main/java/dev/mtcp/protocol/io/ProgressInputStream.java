package dev.mtcp.protocol.io;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts the bytes read through it, readable from any thread. Put under a carrier's frame reader,
 * it tells a failure detector that a slow link is alive while a large frame is still arriving:
 * at 100 KiB/s one 64 KiB DATA frame takes 0.6 s, longer than a dead time of 200 ms.
 */
public final class ProgressInputStream extends FilterInputStream {
    private final AtomicLong bytesRead = new AtomicLong();

    public ProgressInputStream(InputStream in) {
        super(in);
    }

    /** Bytes read so far. */
    public long bytesRead() {
        return bytesRead.get();
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            bytesRead.incrementAndGet();
        }
        return b;
    }

    @Override
    public int read(byte[] buf, int off, int len) throws IOException {
        int n = super.read(buf, off, len);
        if (n > 0) {
            bytesRead.addAndGet(n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = super.skip(n);
        bytesRead.addAndGet(Math.max(0, skipped));
        return skipped;
    }

    @Override
    public boolean markSupported() {
        return false;
    }
}
