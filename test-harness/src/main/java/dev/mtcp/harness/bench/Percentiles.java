package dev.mtcp.harness.bench;

import java.util.Arrays;

/**
 * Percentiles of a set of durations in nanoseconds, by the nearest-rank method on a sorted copy
 * (no histogram library: the sample sets are small enough to sort).
 */
public record Percentiles(int count, long minNanos, long p50Nanos, long p99Nanos, long p999Nanos, long maxNanos) {

    public Percentiles {
        if (count <= 0) {
            throw new IllegalArgumentException("percentiles need at least one sample");
        }
        if (!(minNanos <= p50Nanos && p50Nanos <= p99Nanos && p99Nanos <= p999Nanos && p999Nanos <= maxNanos)) {
            throw new IllegalArgumentException("percentiles out of order");
        }
    }

    /** The percentiles of the first {@code count} entries of {@code samplesNanos} (the array is not changed). */
    public static Percentiles of(long[] samplesNanos, int count) {
        if (count <= 0 || count > samplesNanos.length) {
            throw new IllegalArgumentException("need 1.." + samplesNanos.length + " samples, got " + count);
        }
        long[] sorted = Arrays.copyOf(samplesNanos, count);
        Arrays.sort(sorted);
        return new Percentiles(count, sorted[0], rank(sorted, 0.50), rank(sorted, 0.99), rank(sorted, 0.999),
                sorted[count - 1]);
    }

    public static Percentiles of(long[] samplesNanos) {
        return of(samplesNanos, samplesNanos.length);
    }

    /** Nearest rank: the smallest sample with at least {@code q} of the samples at or below it. */
    static long rank(long[] sorted, double q) {
        int index = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.clamp(index, 0, sorted.length - 1)];
    }
}
