package dev.mtcp.harness.link;

import java.time.Duration;

/**
 * The conditions of one direction of one link.
 *
 * @param delay              mean one-way delay added to every packet
 * @param jitter             packets get {@code delay ± jitter}, uniformly distributed (order kept)
 * @param lossPercent        share of packets dropped at random, 0..100
 * @param rateBitsPerSecond  bandwidth limit in bit/s, counted on the wire (Ethernet frames); 0 = unlimited
 */
public record Impairment(Duration delay, Duration jitter, double lossPercent, long rateBitsPerSecond) {
    /** A perfect link: no delay, no loss, no limit. */
    public static final Impairment NONE = new Impairment(Duration.ZERO, Duration.ZERO, 0, 0);

    public Impairment {
        if (delay.isNegative()) {
            throw new IllegalArgumentException("delay must not be negative, got " + delay);
        }
        if (jitter.isNegative()) {
            throw new IllegalArgumentException("jitter must not be negative, got " + jitter);
        }
        if (jitter.compareTo(delay) > 0) {
            throw new IllegalArgumentException("jitter (" + jitter.toMillis() + " ms) must not exceed the delay ("
                    + delay.toMillis() + " ms): a packet cannot arrive before it was sent");
        }
        if (!(lossPercent >= 0 && lossPercent <= 100)) {
            throw new IllegalArgumentException("loss must be 0..100 %, got " + lossPercent);
        }
        if (rateBitsPerSecond < 0) {
            throw new IllegalArgumentException("rate must not be negative, got " + rateBitsPerSecond);
        }
    }

    public Impairment withDelay(Duration newDelay, Duration newJitter) {
        return new Impairment(newDelay, newJitter, lossPercent, rateBitsPerSecond);
    }

    public Impairment withLossPercent(double newLossPercent) {
        return new Impairment(delay, jitter, newLossPercent, rateBitsPerSecond);
    }

    public Impairment withRateBitsPerSecond(long newRate) {
        return new Impairment(delay, jitter, lossPercent, newRate);
    }

    public boolean delays() {
        return !delay.isZero() || !jitter.isZero();
    }

    public boolean drops() {
        return lossPercent > 0;
    }

    public boolean limitsRate() {
        return rateBitsPerSecond > 0;
    }

    @Override
    public String toString() {
        return "delay " + delay.toNanos() / 1e6 + " ms ± " + jitter.toNanos() / 1e6 + " ms, loss " + lossPercent
                + " %, rate " + (limitsRate() ? LinkUnits.formatRate(rateBitsPerSecond) : "unlimited");
    }
}
