package dev.mtcp.qos.metrics;

/**
 * Application bytes moved in one direction, as two estimates in bits per second.
 *
 * @param windowBitsPerSecond bytes in the sliding window divided by the window (or by the carrier's
 *                            age while it is younger than the window), times 8
 * @param ewmaBitsPerSecond   the time-decayed EWMA with the configured half-life, times 8
 */
public record Goodput(long windowBitsPerSecond, long ewmaBitsPerSecond) {
    public static final Goodput ZERO = new Goodput(0, 0);

    public Goodput {
        if (windowBitsPerSecond < 0 || ewmaBitsPerSecond < 0) {
            throw new IllegalArgumentException("goodput must not be negative");
        }
    }
}
