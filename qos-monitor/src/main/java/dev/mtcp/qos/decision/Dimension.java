package dev.mtcp.qos.decision;

import java.util.Locale;
import java.time.Duration;
import dev.mtcp.qos.policy.Units;
import dev.mtcp.qos.metrics.MetricsSnapshot;
import dev.mtcp.qos.policy.Trigger;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * A metric on which a target can be compared with the current server (hysteresis, probe ranking).
 * Retransmission and stall triggers are judged on goodput: that is what loss and stalls cost.
 */
enum Dimension {
    GOODPUT(true), RTT(false), LOAD(false);

    private final boolean higherIsBetter;

    Dimension(boolean higherIsBetter) {
        this.higherIsBetter = higherIsBetter;
    }

    boolean higherIsBetter() {
        return higherIsBetter;
    }

    static Dimension of(Trigger.Threshold t) {
        return switch (t) {
            case Trigger.GoodputBelow g -> GOODPUT;
            case Trigger.RttAbove r -> RTT;
            case Trigger.ServerLoadAbove l -> LOAD;
            case Trigger.RetransRateAbove r -> GOODPUT;
            case Trigger.StallLongerThan s -> GOODPUT;
        };
    }

    static Set<Dimension> of(List<Trigger.Threshold> fired) {
        Set<Dimension> out = new LinkedHashSet<>();
        fired.forEach(t -> out.add(of(t)));
        return out;
    }

    /** The current server's value: goodput in bit/s (downstream window), RTT in ns, load in permille. */
    OptionalDouble current(MetricsSnapshot s) {
        return switch (this) {
            case GOODPUT -> OptionalDouble.of(s.down().windowBitsPerSecond());
            case RTT -> s.effectiveRtt().map(d -> OptionalDouble.of(d.toNanos())).orElse(OptionalDouble.empty());
            case LOAD -> s.serverLoadPermille().isPresent()
                    ? OptionalDouble.of(s.serverLoadPermille().getAsInt()) : OptionalDouble.empty();
        };
    }

    /** The candidate's measured value, in the same unit as {@link #current}. */
    OptionalDouble candidate(CandidateInfo c) {
        return switch (this) {
            case GOODPUT -> c.goodputBitsPerSecond().isPresent()
                    ? OptionalDouble.of(c.goodputBitsPerSecond().getAsLong()) : OptionalDouble.empty();
            case RTT -> c.rtt().map(d -> OptionalDouble.of(d.toNanos())).orElse(OptionalDouble.empty());
            case LOAD -> c.loadPermille().isPresent() ? OptionalDouble.of(c.loadPermille().getAsInt()) : OptionalDouble.empty();
        };
    }

    /**
     * Hysteresis: whether {@code candidate} is better than {@code current} by at least {@code minImprovement}
     * (a fraction): higher-is-better needs {@code candidate >= current * (1 + m)}, lower-is-better needs
     * {@code current >= candidate * (1 + m)}; equal values are never an improvement.
     */
    boolean improves(double current, double candidate, double minImprovement) {
        double better = higherIsBetter ? candidate : current;
        double worse = higherIsBetter ? current : candidate;
        return better > worse && better >= worse * (1 + minImprovement);
    }

    String format(double v) {
        return switch (this) {
            case GOODPUT -> Units.formatBitsPerSecond(Math.round(v));
            case RTT -> Units.formatDuration(Duration.ofNanos(Math.round(v)));
            case LOAD -> Units.formatPercent(v / 1000.0);
        };
    }

    String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
