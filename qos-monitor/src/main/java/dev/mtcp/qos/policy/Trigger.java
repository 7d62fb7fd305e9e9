package dev.mtcp.qos.policy;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A migration trigger: a threshold on one metric that must be violated continuously for its
 * {@code for:} duration, or an {@code any:} / {@code all:} combination of triggers (nestable).
 */
public sealed interface Trigger {

    /** A leaf trigger: one metric, one threshold, one {@code for:} duration. */
    sealed interface Threshold extends Trigger {
        /** How long the violation must last, continuously, before the trigger fires. */
        Duration forDuration();

        /** The policy-file key of this trigger, e.g. {@code goodput_below}. */
        String key();
    }

    /** Fires when any child has fired. */
    record AnyOf(List<Trigger> children) implements Trigger {
        public AnyOf {
            children = List.copyOf(children);
            if (children.isEmpty()) {
                throw new IllegalArgumentException("any: needs at least one trigger");
            }
        }
    }

    /** Fires when every child has fired (each after its own {@code for:}). */
    record AllOf(List<Trigger> children) implements Trigger {
        public AllOf {
            children = List.copyOf(children);
            if (children.isEmpty()) {
                throw new IllegalArgumentException("all: needs at least one trigger");
            }
        }
    }

    /** Which way the bytes flow. */
    enum Direction { DOWN, UP }

    /** Which goodput estimate a trigger reads. */
    enum Estimate { WINDOW, EWMA }

    /** Goodput in {@code direction} below {@code rate}, judged only while that direction has demand. */
    record GoodputBelow(Rate rate, Direction direction, Estimate estimate, Duration forDuration) implements Threshold {
        public GoodputBelow {
            Objects.requireNonNull(rate, "rate");
            Objects.requireNonNull(direction, "direction");
            Objects.requireNonNull(estimate, "estimate");
            requireFor(forDuration);
        }

        @Override
        public String key() {
            return "goodput_below";
        }
    }

    /** Smoothed RTT (session PING/PONG, else the carrier's) above {@code rtt}. */
    record RttAbove(Duration rtt, Duration forDuration) implements Threshold {
        public RttAbove {
            Objects.requireNonNull(rtt, "rtt");
            requireFor(forDuration);
        }

        @Override
        public String key() {
            return "rtt_above";
        }
    }

    /** Retransmitted / sent segments within the metrics window above {@code fraction} (0..1). */
    record RetransRateAbove(double fraction, Duration forDuration) implements Threshold {
        public RetransRateAbove {
            requireFraction(fraction);
            requireFor(forDuration);
        }

        @Override
        public String key() {
            return "retrans_rate_above";
        }
    }

    /** Downstream made no progress, while data was expected, for longer than {@code stall}. */
    record StallLongerThan(Duration stall, Duration forDuration) implements Threshold {
        public StallLongerThan {
            Objects.requireNonNull(stall, "stall");
            requireFor(forDuration);
        }

        @Override
        public String key() {
            return "stall_longer_than";
        }
    }

    /** The current server's reported load above {@code fraction} (0..1). */
    record ServerLoadAbove(double fraction, Duration forDuration) implements Threshold {
        public ServerLoadAbove {
            requireFraction(fraction);
            requireFor(forDuration);
        }

        @Override
        public String key() {
            return "server_load_above";
        }
    }

    private static void requireFor(Duration forDuration) {
        Objects.requireNonNull(forDuration, "forDuration");
        if (forDuration.isNegative()) {
            throw new IllegalArgumentException("for: must not be negative");
        }
    }

    private static void requireFraction(double fraction) {
        if (!(fraction >= 0 && fraction <= 1)) {
            throw new IllegalArgumentException("must be between 0% and 100%, got " + fraction);
        }
    }
}
