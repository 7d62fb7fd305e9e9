package dev.mtcp.qos.metrics;

import java.time.Duration;
import java.util.Objects;

/**
 * How {@link ConnectionMetrics} smooths what it measures.
 *
 * @param window   length of the sliding windows (goodput, retransmission rate)
 * @param halfLife half-life of the goodput EWMA: a rate change is half absorbed after this long
 */
public record MetricsSettings(Duration window, Duration halfLife) {
    /** Defaults: a 2 s sliding window and a 1 s EWMA half-life. */
    public static final MetricsSettings DEFAULTS = new MetricsSettings(Duration.ofSeconds(2), Duration.ofSeconds(1));

    public MetricsSettings {
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(halfLife, "halfLife");
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("metrics window must be positive, got " + window);
        }
        if (halfLife.isNegative() || halfLife.isZero()) {
            throw new IllegalArgumentException("EWMA half-life must be positive, got " + halfLife);
        }
    }
}
