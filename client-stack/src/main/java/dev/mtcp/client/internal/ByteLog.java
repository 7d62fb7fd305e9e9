package dev.mtcp.client.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * An offset-addressed byte queue: bytes {@code [start, end)} of one stream direction, held as the
 * chunks they arrived in (no copy on append), trimmed from the front. Not thread-safe: used only
 * by the connection's owner thread. (Same as server-stack's; a candidate for protocol's session core.)
 */
public final class ByteLog {
    private record Chunk(long offset, byte[] bytes) {
        long end() { return offset + bytes.length; }
    }

    private final ArrayList<Chunk> chunks = new ArrayList<>();
    private int head;          // index of the first live chunk
    private long start;
    private long end;

    public ByteLog(long startOffset) {
        this.start = startOffset;
        this.end = startOffset;
    }

    public long start() { return start; }
    public long end() { return end; }
    public long sizeBytes() { return end - start; }

    /** Appends {@code bytes} at {@link #end()}; the log takes ownership of the array. */
    public void append(byte[] bytes) {
        if (bytes.length == 0) return;
        chunks.add(new Chunk(end, bytes));
        end += bytes.length;
    }

    /** Drops every byte below {@code offset} (clamped to {@link #end()}). */
    public void trimTo(long offset) {
        long to = Math.min(offset, end);
        if (to <= start) return;
        while (head < chunks.size() && chunks.get(head).end() <= to) {
            chunks.set(head, null);
            head++;
        }
        start = to;
        if (head > 256 && head * 2 > chunks.size()) {
            chunks.subList(0, head).clear();
            head = 0;
        }
    }

    /** Copies up to {@code len} bytes starting at stream offset {@code from} into {@code dst}; returns the count. */
    public int copy(long from, byte[] dst, int off, int len) {
        if (from < start || from > end) {
            throw new IllegalArgumentException("offset " + from + " outside log [" + start + ", " + end + ")");
        }
        int i = indexOf(from);
        int copied = 0;
        long pos = from;
        while (copied < len && i < chunks.size()) {
            Chunk c = chunks.get(i);
            int in = (int) (pos - c.offset());
            int n = Math.min(len - copied, c.bytes().length - in);
            System.arraycopy(c.bytes(), in, dst, off + copied, n);
            copied += n;
            pos += n;
            i++;
        }
        return copied;
    }

    /** The bytes from {@code from} to the end, as slices of at most {@code maxSliceBytes} each (copies). */
    public List<byte[]> slices(long from, int maxSliceBytes) {
        List<byte[]> out = new ArrayList<>();
        long pos = Math.max(from, start);
        while (pos < end) {
            int n = (int) Math.min(maxSliceBytes, end - pos);
            byte[] b = new byte[n];
            copy(pos, b, 0, n);
            out.add(b);
            pos += n;
        }
        return out;
    }

    /** All bytes from {@code from} to the end in one array. */
    public byte[] toArray(long from) {
        long pos = Math.max(from, start);
        byte[] b = new byte[Math.toIntExact(end - pos)];
        copy(pos, b, 0, b.length);
        return b;
    }

    private int indexOf(long offset) {
        int lo = head;
        int hi = chunks.size() - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            Chunk c = chunks.get(mid);
            if (c.end() <= offset) lo = mid + 1;
            else if (c.offset() > offset) hi = mid - 1;
            else return mid;
        }
        return lo;
    }
}
