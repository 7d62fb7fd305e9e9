package dev.mtcp.qos.decision;

import java.util.Locale;
import static dev.mtcp.qos.policy.Units.formatBitsPerSecond;
import static dev.mtcp.qos.policy.Units.formatDuration;
import static dev.mtcp.qos.policy.Units.formatPercent;

import dev.mtcp.qos.metrics.Goodput;
import dev.mtcp.qos.metrics.MetricsSnapshot;
import dev.mtcp.qos.policy.PolicyPrinter;
import dev.mtcp.qos.policy.Trigger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Tracks, for every leaf of a trigger tree, since when it has been violated without interruption.
 * A leaf fires at the first evaluation at or after {@code since + for}; one evaluation that is not
 * violated restarts it. Not thread-safe (owned by the engine).
 */
final class TriggerEvaluator {

    /** One leaf at one evaluation: what was measured, and since when it has been violated. */
    record LeafStatus(Trigger.Threshold leaf, String observed, Instant violatedSince, boolean fired) {
        String describe(Instant now) {
            String base = leaf.key() + " " + PolicyPrinter.threshold(leaf) + " for " + formatDuration(leaf.forDuration())
                    + ": " + observed;
            return violatedSince == null ? base
                    : base + " (violated for " + formatDuration(Duration.between(violatedSince, now)) + ")";
        }
    }

    /** The tree's result: whether it fired, and the leaves that made it fire or are on their way. */
    record Outcome(boolean fired, List<LeafStatus> firedLeaves, List<LeafStatus> violatedLeaves) { }

    private final Map<Trigger.Threshold, Instant> since = new IdentityHashMap<>();

    Outcome evaluate(Trigger root, MetricsSnapshot s, Instant now) {
        Map<Trigger.Threshold, LeafStatus> statuses = new IdentityHashMap<>();
        update(root, s, now, statuses);
        List<LeafStatus> firing = new ArrayList<>();
        boolean fired = collect(root, statuses, firing);
        List<LeafStatus> violated = new ArrayList<>();
        for (LeafStatus st : statuses.values()) {
            if (st.violatedSince() != null) {
                violated.add(st);
            }
        }
        return new Outcome(fired, List.copyOf(firing), List.copyOf(violated));
    }

    /** Forgets every violation (after a migration the new server is judged from scratch). */
    void reset() {
        since.clear();
    }

    private void update(Trigger t, MetricsSnapshot s, Instant now, Map<Trigger.Threshold, LeafStatus> out) {
        switch (t) {
            case Trigger.AnyOf a -> a.children().forEach(c -> update(c, s, now, out));
            case Trigger.AllOf a -> a.children().forEach(c -> update(c, s, now, out));
            case Trigger.Threshold leaf -> {
                Reading r = read(leaf, s);
                Instant start = null;
                if (r.violated()) {
                    start = since.computeIfAbsent(leaf, k -> now);
                } else {
                    since.remove(leaf);
                }
                boolean fired = start != null && !now.isBefore(start.plus(leaf.forDuration()));
                out.put(leaf, new LeafStatus(leaf, r.observed(), start, fired));
            }
        }
    }

    private static boolean collect(Trigger t, Map<Trigger.Threshold, LeafStatus> st, List<LeafStatus> firing) {
        return switch (t) {
            case Trigger.AnyOf a -> {
                boolean any = false;
                for (Trigger c : a.children()) {
                    List<LeafStatus> sub = new ArrayList<>();
                    if (collect(c, st, sub)) {
                        any = true;
                        firing.addAll(sub);
                    }
                }
                yield any;
            }
            case Trigger.AllOf a -> {
                List<LeafStatus> sub = new ArrayList<>();
                boolean all = true;
                for (Trigger c : a.children()) {
                    all &= collect(c, st, sub);
                }
                if (all) {
                    firing.addAll(sub);
                }
                yield all;
            }
            case Trigger.Threshold leaf -> {
                LeafStatus ls = st.get(leaf);
                if (ls.fired()) {
                    firing.add(ls);
                }
                yield ls.fired();
            }
        };
    }

    private record Reading(boolean violated, String observed) { }

    private static Reading read(Trigger.Threshold leaf, MetricsSnapshot s) {
        return switch (leaf) {
            case Trigger.GoodputBelow g -> {
                boolean down = g.direction() == Trigger.Direction.DOWN;
                Goodput gp = down ? s.down() : s.up();
                long value = g.estimate() == Trigger.Estimate.WINDOW ? gp.windowBitsPerSecond() : gp.ewmaBitsPerSecond();
                boolean demand = down ? s.downstreamDemand() : gp.windowBitsPerSecond() > 0 || gp.ewmaBitsPerSecond() > 0;
                String name = (down ? "downstream" : "upstream") + " goodput ("
                        + g.estimate().name().toLowerCase(Locale.ROOT) + ") " + formatBitsPerSecond(value);
                yield new Reading(demand && value < g.rate().bitsPerSecond(), demand ? name : name + ", idle");
            }
            case Trigger.RttAbove r -> s.effectiveRtt()
                    .map(rtt -> new Reading(rtt.compareTo(r.rtt()) > 0, "rtt " + formatDuration(rtt)))
                    .orElse(new Reading(false, "rtt not measured yet"));
            case Trigger.RetransRateAbove r -> s.retransRate().isPresent()
                    ? new Reading(s.retransRate().getAsDouble() > r.fraction(), "retrans rate "
                        + formatPercent(s.retransRate().getAsDouble()) + " (" + s.retransInWindow() + "/"
                        + s.segmentsInWindow() + " segments)")
                    : new Reading(false, "no segments in the window");
            case Trigger.StallLongerThan st -> new Reading(s.stall().compareTo(st.stall()) > 0,
                    "stalled " + formatDuration(s.stall()));
            case Trigger.ServerLoadAbove l -> s.serverLoadPermille().isPresent()
                    ? new Reading(s.serverLoadPermille().getAsInt() / 1000.0 > l.fraction(),
                        "server load " + formatPercent(s.serverLoadPermille().getAsInt() / 1000.0))
                    : new Reading(false, "server load not reported yet");
        };
    }
}
