package dev.mtcp.qos.metrics;

import java.util.ArrayDeque;

/**
 * Sums amounts added over the last {@code windowNanos}, in buckets of a tenth of the window so
 * memory stays bounded whatever the event rate. Not thread-safe: {@link ConnectionMetrics} guards it.
 */
final class SlidingWindowCounter {
    private static final int BUCKETS = 10;

    private record Bucket(long startNanos, long[] sums) { }

    private final long windowNanos;
    private final long bucketNanos;
    private final int width;
    private final ArrayDeque<Bucket> buckets = new ArrayDeque<>();

    /** @param width how many independent sums each bucket holds (e.g. segments and retransmissions) */
    SlidingWindowCounter(long windowNanos, int width) {
        this.windowNanos = windowNanos;
        this.bucketNanos = Math.max(1, windowNanos / BUCKETS);
        this.width = width;
    }

    void add(long nowNanos, int column, long amount) {
        expire(nowNanos);
        long start = nowNanos - Math.floorMod(nowNanos, bucketNanos);
        Bucket last = buckets.peekLast();
        if (last == null || last.startNanos() != start) {
            last = new Bucket(start, new long[width]);
            buckets.addLast(last);
        }
        last.sums()[column] += amount;
    }

    /** Sum of one column over buckets that started within the window ending at {@code nowNanos}. */
    long sum(long nowNanos, int column) {
        long total = 0;
        for (Bucket b : buckets) {
            if (b.startNanos() > nowNanos - windowNanos) {
                total += b.sums()[column];
            }
        }
        return total;
    }

    void clear() {
        buckets.clear();
    }

    long windowNanos() {
        return windowNanos;
    }

    private void expire(long nowNanos) {
        while (!buckets.isEmpty() && buckets.peekFirst().startNanos() <= nowNanos - windowNanos) {
            buckets.removeFirst();
        }
    }
}
