package dev.mtcp.qos.decision;

import java.util.TreeSet;
import dev.mtcp.qos.policy.Units;
import dev.mtcp.qos.metrics.MetricsSnapshot;
import dev.mtcp.qos.policy.TargetSelection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeMap;

/**
 * Chooses a migration target among eligible alternates with the policy's strategy, after hysteresis.
 * Stateless: the engine passes in everything (who is excluded, which dimensions fired).
 */
final class TargetChooser {

    /** The chooser's answer: a target, or why there is none. */
    sealed interface Choice {
        record Target(String serverId, String detail) implements Choice { }

        record None(Decision.Reason reason, String detail) implements Choice { }
    }

    private final TargetSelection selection;

    TargetChooser(TargetSelection selection) {
        this.selection = selection;
    }

    /** Whether this strategy ranks on measurements a {@link TargetProber} provides. */
    boolean needsMeasurements() {
        return selection.strategy() == TargetSelection.Strategy.PROBE
                || selection.strategy() == TargetSelection.Strategy.LEAST_LOAD;
    }

    /**
     * @param current    the current server id
     * @param snapshot   the current server's metrics
     * @param candidates every known alternate (the current server is ignored if present)
     * @param excluded   ids not to choose (left too recently, failed), with why
     * @param dimensions what fired; empty for a server hint (no hysteresis)
     * @param hysteresis whether min_improvement applies
     */
    Choice choose(String current, MetricsSnapshot snapshot, Map<String, CandidateInfo> candidates,
                  Map<String, String> excluded, Set<Dimension> dimensions, boolean hysteresis, Instant now) {
        TreeMap<String, CandidateInfo> eligible = new TreeMap<>();
        List<String> why = new ArrayList<>();
        for (CandidateInfo c : candidates.values()) {
            boolean fresh = c.freshAt(now, selection.probeMaxAge());
            if (c.serverId().equals(current)) {
                continue;
            } else if (excluded.containsKey(c.serverId())) {
                why.add(c.serverId() + " " + excluded.get(c.serverId()));
            } else if (!c.reachable() && fresh) {
                why.add(c.serverId() + " unreachable at the last probe");
            } else if (needsMeasurements() && !(fresh && hasRankingMeasurement(c))) {
                why.add(c.serverId() + " not measured (or probe older than "
                        + Units.formatDuration(selection.probeMaxAge()) + ")");
            } else {
                eligible.put(c.serverId(), c);
            }
        }
        if (eligible.isEmpty()) {
            boolean awaiting = needsMeasurements() && why.stream().anyMatch(w -> w.contains("not measured"));
            return new Choice.None(awaiting ? Decision.Reason.AWAITING_PROBE : Decision.Reason.NO_TARGET,
                    why.isEmpty() ? "no alternate server known" : String.join("; ", why));
        }
        List<CandidateInfo> better = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        for (CandidateInfo c : eligible.values()) {
            Optional<String> refusal = hysteresis ? refusal(snapshot, c, dimensions, now) : Optional.empty();
            if (refusal.isPresent()) {
                refused.add(refusal.get());
            } else {
                better.add(c);
            }
        }
        if (better.isEmpty()) {
            return new Choice.None(Decision.Reason.NOT_BETTER_ENOUGH, String.join("; ", refused));
        }
        CandidateInfo pick = pick(current, better, dimensions, candidates.keySet());
        return new Choice.Target(pick.serverId(), selection.strategy().yamlName() + " chose " + describe(pick, now));
    }

    private boolean hasRankingMeasurement(CandidateInfo c) {
        return selection.strategy() == TargetSelection.Strategy.LEAST_LOAD
                ? c.loadPermille().isPresent()
                : c.rtt().isPresent() || c.goodputBitsPerSecond().isPresent();
    }

    /** Why {@code c} is not {@code min_improvement} better on a fired dimension both sides measured. */
    private Optional<String> refusal(MetricsSnapshot s, CandidateInfo c, Set<Dimension> dims, Instant now) {
        if (!c.freshAt(now, selection.probeMaxAge())) {
            return Optional.empty();
        }
        for (Dimension d : dims) {
            OptionalDouble cur = d.current(s);
            OptionalDouble cand = d.candidate(c);
            if (cur.isPresent() && cand.isPresent() && !d.improves(cur.getAsDouble(), cand.getAsDouble(),
                    selection.minImprovement())) {
                return Optional.of(c.serverId() + " " + d.label() + " " + d.format(cand.getAsDouble()) + " vs current "
                        + d.format(cur.getAsDouble()) + " is not " + Units.formatPercent(
                        selection.minImprovement()) + " better");
            }
        }
        return Optional.empty();
    }

    private CandidateInfo pick(String current, List<CandidateInfo> better, Set<Dimension> dims, Set<String> allIds) {
        return switch (selection.strategy()) {
            case PROBE -> {
                Dimension primary = dims.isEmpty() ? Dimension.GOODPUT : dims.iterator().next();
                yield better.stream().min(rank(primary).thenComparing(rank(Dimension.RTT))
                        .thenComparing(rank(Dimension.GOODPUT)).thenComparing(CandidateInfo::serverId)).orElseThrow();
            }
            case LEAST_LOAD -> better.stream().min(rank(Dimension.LOAD).thenComparing(rank(Dimension.RTT))
                    .thenComparing(CandidateInfo::serverId)).orElseThrow();
            case ROUND_ROBIN -> nextInRing(current, better, allIds);
            case PREFER -> {
                for (String id : selection.prefer()) {
                    for (CandidateInfo c : better) {
                        if (c.serverId().equals(id)) {
                            yield c;
                        }
                    }
                }
                yield better.getFirst();   // none of the preferred is available: the others, by id
            }
        };
    }

    /** The first candidate after {@code current} in the ring of all ids sorted. */
    private static CandidateInfo nextInRing(String current, List<CandidateInfo> better, Set<String> allIds) {
        List<String> ring = new ArrayList<>(new TreeSet<>(allIds));
        if (!ring.contains(current)) {
            ring.add(current);
            ring.sort(Comparator.naturalOrder());
        }
        int start = ring.indexOf(current);
        for (int i = 1; i <= ring.size(); i++) {
            String id = ring.get((start + i) % ring.size());
            for (CandidateInfo c : better) {
                if (c.serverId().equals(id)) {
                    return c;
                }
            }
        }
        return better.getFirst();
    }

    /** Best first on {@code d}; candidates without the measurement last. */
    private static Comparator<CandidateInfo> rank(Dimension d) {
        return (a, b) -> {
            OptionalDouble va = d.candidate(a);
            OptionalDouble vb = d.candidate(b);
            if (va.isEmpty() || vb.isEmpty()) {
                return Boolean.compare(va.isEmpty(), vb.isEmpty());
            }
            int cmp = Double.compare(va.getAsDouble(), vb.getAsDouble());
            return d.higherIsBetter() ? -cmp : cmp;
        };
    }

    static String describe(CandidateInfo c, Instant now) {
        if (c.measuredAt().equals(Instant.MIN)) {
            return c.serverId() + " (not measured)";
        }
        List<String> parts = new ArrayList<>();
        for (Dimension d : Dimension.values()) {
            OptionalDouble v = d.candidate(c);
            if (v.isPresent()) {
                parts.add(d.label() + " " + d.format(v.getAsDouble()));
            }
        }
        return c.serverId() + " (" + String.join(", ", parts) + ")";
    }
}
