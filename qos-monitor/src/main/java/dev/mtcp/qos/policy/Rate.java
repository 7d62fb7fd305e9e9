package dev.mtcp.qos.policy;

/**
 * A data rate in bits per second, as policies write it ({@code 2mbit}, {@code 1.5MB/s}); see
 * {@link Units#parseRate}. Printed normalized in SI bit units ({@code 12mbit}).
 */
public record Rate(long bitsPerSecond) implements Comparable<Rate> {
    public Rate {
        if (bitsPerSecond <= 0) {
            throw new IllegalArgumentException("a rate must be positive, got " + bitsPerSecond + " bit/s");
        }
    }

    public static Rate parse(String text) {
        return Units.parseRate(text);
    }

    @Override
    public int compareTo(Rate o) {
        return Long.compare(bitsPerSecond, o.bitsPerSecond);
    }

    @Override
    public String toString() {
        return Units.formatRate(this);
    }
}
