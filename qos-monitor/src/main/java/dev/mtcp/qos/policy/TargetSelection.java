package dev.mtcp.qos.policy;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * How a migration target is chosen among the alternates, and the hysteresis that must hold.
 *
 * @param strategy       how to choose
 * @param prefer         preference order for {@link Strategy#PREFER} (empty otherwise)
 * @param minImprovement hysteresis: how much better (fraction, 0.2 = 20 %) a measured target must be
 *                       than the current server on the metric that fired
 * @param probeTimeout   how long a PROBE carrier may take to measure an alternate
 * @param probeMaxAge    probe results older than this are not trusted
 */
public record TargetSelection(Strategy strategy, List<String> prefer, double minImprovement,
                              Duration probeTimeout, Duration probeMaxAge) {

    public static final TargetSelection DEFAULTS = new TargetSelection(Strategy.PROBE, List.of(), 0.2,
            Duration.ofSeconds(2), Duration.ofSeconds(10));

    /** Target selection strategies, with their policy-file names. */
    public enum Strategy {
        /** Open PROBE carriers to the alternates, measure RTT and a short goodput sample, choose the best. */
        PROBE,
        /** The alternate with the lowest load reported in its PONG. */
        LEAST_LOAD,
        /** The next alternate in turn. */
        ROUND_ROBIN,
        /** The first alternate of the {@code prefer:} list that is available. */
        PREFER;

        public String yamlName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public TargetSelection {
        Objects.requireNonNull(strategy, "strategy");
        prefer = List.copyOf(prefer);
        Objects.requireNonNull(probeTimeout, "probeTimeout");
        Objects.requireNonNull(probeMaxAge, "probeMaxAge");
        if (strategy == Strategy.PREFER && prefer.isEmpty()) {
            throw new IllegalArgumentException("select: prefer needs a non-empty prefer: list");
        }
        if (strategy != Strategy.PREFER && !prefer.isEmpty()) {
            throw new IllegalArgumentException("prefer: is only used with select: prefer");
        }
        if (!(minImprovement >= 0)) {
            throw new IllegalArgumentException("min_improvement must not be negative");
        }
        if (probeTimeout.isNegative() || probeTimeout.isZero() || probeMaxAge.isNegative() || probeMaxAge.isZero()) {
            throw new IllegalArgumentException("probe durations must be positive");
        }
    }
}
