package dev.mtcp.harness.link;

import java.util.random.RandomGenerator;

/**
 * When each packet of one queue may leave: {@code arrival + delay ± jitter} (uniform, like netem's
 * default), but never before the packet queued ahead of it, so the queue keeps packet order.
 * Only the delayer's receiving thread calls {@link #releaseAtNanos}; settings may change at any time.
 */
final class DelaySchedule {
    /** Delay and jitter of one queue, in nanoseconds. */
    record Settings(long delayNanos, long jitterNanos) {
        Settings {
            if (delayNanos < 0 || jitterNanos < 0) {
                throw new IllegalArgumentException("delay and jitter must not be negative");
            }
        }
    }

    private final RandomGenerator random;
    private volatile Settings settings;
    private long lastReleaseNanos = Long.MIN_VALUE;

    DelaySchedule(Settings settings, RandomGenerator random) {
        this.settings = settings;
        this.random = random;
    }

    void update(Settings newSettings) {
        this.settings = newSettings;
    }

    Settings settings() {
        return settings;
    }

    /** The release time of a packet that arrived at {@code arrivalNanos}. */
    long releaseAtNanos(long arrivalNanos) {
        Settings s = settings;
        long offset = s.jitterNanos() == 0 ? 0 : random.nextLong(-s.jitterNanos(), s.jitterNanos() + 1);
        long release = arrivalNanos + Math.max(0, s.delayNanos() + offset);
        if (lastReleaseNanos != Long.MIN_VALUE && release - lastReleaseNanos < 0) {
            release = lastReleaseNanos;
        }
        lastReleaseNanos = release;
        return release;
    }
}
