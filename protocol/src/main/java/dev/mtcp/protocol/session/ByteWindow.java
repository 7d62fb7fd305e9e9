package dev.mtcp.protocol.session;

import java.nio.ByteBuffer;

/**
 * The bytes of one stream between two offsets, {@code [start, end)}, held in a ring of fixed-size chunks:
 * appending copies once, trimming releases whole chunks (a few are kept for reuse), random reads copy
 * straight out of the chunks. Single-threaded.
 */
final class ByteWindow {
    static final int CHUNK_BYTES = 16 * 1024;
    private static final int KEPT_SPARE_CHUNKS = 4;

    private byte[][] ring = new byte[8][];
    private int ringHead;
    private int ringCount;
    /** Index in the first chunk of the byte at {@link #start}. */
    private int headSkip;
    private long start;
    private long end;
    private final byte[][] spares = new byte[KEPT_SPARE_CHUNKS][];
    private int spareCount;

    ByteWindow(long startOffset) {
        if (startOffset < 0) {
            throw new IllegalArgumentException("start offset must be >= 0, got " + startOffset);
        }
        this.start = startOffset;
        this.end = startOffset;
    }

    long start() {
        return start;
    }

    long end() {
        return end;
    }

    long size() {
        return end - start;
    }

    void append(byte[] src, int off, int len) {
        if (len < 0 || off < 0 || off + len > src.length) {
            throw new IndexOutOfBoundsException("off=" + off + " len=" + len + " array=" + src.length);
        }
        if (end > Long.MAX_VALUE - len) {
            throw new IllegalStateException("stream offset would overflow");
        }
        int done = 0;
        while (done < len) {
            long rel = headSkip + (end - start);
            int within = (int) (rel % CHUNK_BYTES);
            if (within == 0 && rel / CHUNK_BYTES == ringCount) {
                addChunk();
            }
            byte[] chunk = chunkAt((int) (rel / CHUNK_BYTES));
            int n = Math.min(len - done, CHUNK_BYTES - within);
            System.arraycopy(src, off + done, chunk, within, n);
            done += n;
            end += n;
        }
    }

    /** Appends the remaining bytes of {@code src}, consuming them. */
    void append(ByteBuffer src) {
        if (end > Long.MAX_VALUE - src.remaining()) {
            throw new IllegalStateException("stream offset would overflow");
        }
        while (src.hasRemaining()) {
            long rel = headSkip + (end - start);
            int within = (int) (rel % CHUNK_BYTES);
            if (within == 0 && rel / CHUNK_BYTES == ringCount) {
                addChunk();
            }
            int n = Math.min(src.remaining(), CHUNK_BYTES - within);
            src.get(chunkAt((int) (rel / CHUNK_BYTES)), within, n);
            end += n;
        }
    }

    /** Drops every byte below {@code offset}; {@code offset} must lie in [start, end]. */
    void trimTo(long offset) {
        if (offset < start || offset > end) {
            throw new IllegalArgumentException("trim offset " + offset + " outside [" + start + ", " + end + "]");
        }
        long rel = headSkip + (offset - start);
        int dropChunks = (int) (rel / CHUNK_BYTES);
        if (offset == end) {
            dropChunks = ringCount;
            headSkip = 0;
        } else {
            headSkip = (int) (rel % CHUNK_BYTES);
        }
        for (int i = 0; i < dropChunks; i++) {
            recycle(ring[ringHead]);
            ring[ringHead] = null;
            ringHead = (ringHead + 1) % ring.length;
            ringCount--;
        }
        start = offset;
    }

    /** Copies {@code len} bytes starting at stream offset {@code from} into {@code dst}. */
    void copy(long from, byte[] dst, int dstOff, int len) {
        if (from < start || len < 0 || from > end - len) {
            throw new IllegalArgumentException("range [" + from + ", " + (from + len) + ") outside [" + start + ", " + end + ")");
        }
        int done = 0;
        while (done < len) {
            long rel = headSkip + (from - start) + done;
            int within = (int) (rel % CHUNK_BYTES);
            int n = Math.min(len - done, CHUNK_BYTES - within);
            System.arraycopy(chunkAt((int) (rel / CHUNK_BYTES)), within, dst, dstOff + done, n);
            done += n;
        }
    }

    /** A copy of up to {@code max} bytes from {@code from} (empty at the end). */
    byte[] read(long from, int max) {
        int n = (int) Math.min(max, end - from);
        byte[] out = new byte[Math.max(0, n)];
        copy(from, out, 0, out.length);
        return out;
    }

    private byte[] chunkAt(int index) {
        return ring[(ringHead + index) % ring.length];
    }

    private void addChunk() {
        if (ringCount == ring.length) {
            byte[][] bigger = new byte[ring.length * 2][];
            for (int i = 0; i < ringCount; i++) {
                bigger[i] = ring[(ringHead + i) % ring.length];
            }
            ring = bigger;
            ringHead = 0;
        }
        byte[] chunk = spareCount > 0 ? spares[--spareCount] : new byte[CHUNK_BYTES];
        spares[spareCount] = null;
        ring[(ringHead + ringCount) % ring.length] = chunk;
        ringCount++;
    }

    private void recycle(byte[] chunk) {
        if (spareCount < KEPT_SPARE_CHUNKS) {
            spares[spareCount++] = chunk;
        }
    }
}
