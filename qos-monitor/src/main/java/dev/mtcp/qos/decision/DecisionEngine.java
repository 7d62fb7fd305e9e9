package dev.mtcp.qos.decision;

import static dev.mtcp.qos.policy.Units.formatDuration;

import dev.mtcp.qos.metrics.MetricsSnapshot;
import dev.mtcp.qos.policy.Policy;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides, for one connection, whether to stay or migrate and where: policy + metrics snapshots +
 * candidate measurements + injected clock in, {@link Decision} out. No I/O, no system clock.
 *
 * <p>Order of checks for measurement-driven migrations: triggers (each after exactly its
 * {@code for:} of continuous violation), {@code min_connection_age}, {@code cooldown},
 * {@code max_migrations_per_minute}, target eligibility (not the current server, reachable, not
 * left or failed within {@code revisit_after}, measured when the strategy needs it), hysteresis
 * ({@code min_improvement} on the dimensions that fired), then the strategy picks. Server hints are
 * described on {@link ServerHint.Reason}. Every decision is counted by reason; migrations and
 * suppressed triggers are logged at INFO with the numbers behind them.
 *
 * <p>One engine per connection. Methods are synchronized so a carrier thread may pass a hint while
 * the connection's owner thread evaluates.
 */
public final class DecisionEngine {
    private static final Logger LOG = LoggerFactory.getLogger(DecisionEngine.class);
    private static final Duration MINUTE = Duration.ofMinutes(1);

    private final Policy policy;
    private final InstantSource clock;
    private final String connectionId;
    private final TriggerEvaluator triggers = new TriggerEvaluator();
    private final TargetChooser chooser;
    private final EnumMap<Decision.Reason, Long> counts = new EnumMap<>(Decision.Reason.class);
    private final ArrayDeque<Instant> migrationTimes = new ArrayDeque<>();
    private final Map<String, Instant> leftAt = new HashMap<>();
    private final Map<String, Instant> failedAt = new HashMap<>();
    private Instant lastMigrationAt;
    private Instant migrationBeforeLast;
    private String lastServer;
    private ServerHint pendingHint;
    private boolean wantsProbes;
    private Decision.Reason lastReason;

    /**
     * @param connectionId how log lines name the connection (its hex id)
     */
    public DecisionEngine(Policy policy, InstantSource clock, String connectionId) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.connectionId = Objects.requireNonNull(connectionId, "connectionId");
        this.chooser = new TargetChooser(policy.target());
    }

    public Policy policy() {
        return policy;
    }

    /**
     * Evaluates once. Call every {@link Policy#sampleEvery()} with a fresh snapshot.
     *
     * @param currentServer the server the connection is on now (a change since the last call, by this
     *                      engine's decision or not, restarts the triggers and marks the old one as left)
     * @param current       the connection's metrics
     * @param candidates    the alternates known, with probe results where available (keyed by id)
     */
    public synchronized Decision evaluate(String currentServer, MetricsSnapshot current,
                                          Map<String, CandidateInfo> candidates) {
        Objects.requireNonNull(currentServer, "currentServer");
        Objects.requireNonNull(current, "current");
        Objects.requireNonNull(candidates, "candidates");
        Instant now = clock.instant();
        if (lastServer != null && !lastServer.equals(currentServer)) {
            leftAt.put(lastServer, now);
            triggers.reset();
            if (pendingHint != null && !pendingHint.fromServer().equals(currentServer)) {
                pendingHint = null;
            }
        }
        lastServer = currentServer;
        Decision d = decide(currentServer, current, candidates, now);
        record(d);
        return d;
    }

    /** A MIGRATE_HINT from a server; acted on at the next {@link #evaluate}. */
    public synchronized void onServerHint(ServerHint hint) {
        pendingHint = Objects.requireNonNull(hint, "hint");
        LOG.info("conn={} server hint from {}: {} targets={}", connectionId, hint.fromServer(), hint.reason(),
                hint.targets());
    }

    /**
     * The migration to {@code targetId} that this engine decided did not happen. The target is not
     * chosen again within {@code revisit_after}; the failed attempt still counts against the per-minute
     * cap but does not start a cooldown.
     */
    public synchronized void onMigrationFailed(String targetId, String why) {
        Instant now = clock.instant();
        failedAt.put(targetId, now);
        lastMigrationAt = migrationBeforeLast;
        LOG.info("conn={} migration to {} failed: {}; not retrying it for {}", connectionId, targetId, why,
                formatDuration(policy.revisitAfter()));
    }

    /**
     * True when the last evaluation saw a violated trigger or a pending hint and the strategy ranks on
     * measurements: the client should (re)probe the alternates so results are ready when it fires.
     */
    public synchronized boolean wantsProbes() {
        return wantsProbes;
    }

    public synchronized DecisionCounters counters() {
        return new DecisionCounters(counts);
    }

    private Decision decide(String server, MetricsSnapshot s, Map<String, CandidateInfo> candidates, Instant now) {
        TriggerEvaluator.Outcome outcome = policy.triggers()
                .map(t -> triggers.evaluate(t, s, now))
                .orElse(new TriggerEvaluator.Outcome(false, List.of(), List.of()));
        wantsProbes = chooser.needsMeasurements() && (pendingHint != null || !outcome.violatedLeaves().isEmpty());
        if (pendingHint != null) {
            return hint(server, s, candidates, now);
        }
        if (!outcome.fired()) {
            return outcome.violatedLeaves().isEmpty()
                    ? new Decision.Stay(Decision.Reason.HEALTHY, policy.triggers().isEmpty()
                        ? "no triggers in the policy" : "no trigger violated")
                    : new Decision.Stay(Decision.Reason.TRIGGER_PENDING, leaves(outcome.violatedLeaves(), now));
        }
        String why = leaves(outcome.firedLeaves(), now);
        if (s.age().compareTo(policy.minConnectionAge()) < 0) {
            return new Decision.Stay(Decision.Reason.TOO_YOUNG, why + "; connection age " + formatDuration(s.age())
                    + " < min_connection_age " + formatDuration(policy.minConnectionAge()));
        }
        Decision.Stay limited = rateLimit(now, why);
        if (limited != null) {
            return limited;
        }
        Set<Dimension> dims = Dimension.of(outcome.firedLeaves().stream()
                .map(TriggerEvaluator.LeafStatus::leaf).toList());
        TargetChooser.Choice choice = chooser.choose(server, s, candidates, exclusions(now), dims, true, now);
        return switch (choice) {
            case TargetChooser.Choice.None none -> new Decision.Stay(none.reason(), why + "; " + none.detail());
            case TargetChooser.Choice.Target t -> migrate(server, t, Decision.Reason.TRIGGERED, why, now);
        };
    }

    private Decision hint(String server, MetricsSnapshot s, Map<String, CandidateInfo> candidates, Instant now) {
        ServerHint h = pendingHint;
        String why = "server hint " + h.reason() + " from " + h.fromServer();
        if (!h.fromServer().equals(server)) {
            pendingHint = null;
            return new Decision.Stay(Decision.Reason.HEALTHY, why + " dropped: the connection is on " + server);
        }
        if (policy.onServerHint() == Policy.HintAction.IGNORE) {
            pendingHint = null;
            return new Decision.Stay(Decision.Reason.HINT_IGNORED, why + " ignored (on_server_hint: ignore)");
        }
        if (h.reason() != ServerHint.Reason.DRAIN) {
            Decision.Stay limited = rateLimit(now, why);
            if (limited != null) {
                return limited;
            }
        }
        Map<String, String> excluded = exclusions(now);
        for (String target : h.targets()) {
            CandidateInfo c = candidates.get(target);
            boolean usable = c != null && (c.reachable() || !c.freshAt(now, policy.target().probeMaxAge()));
            if (usable && !target.equals(server) && !failedAt.containsKey(target)) {
                return migrate(server, new TargetChooser.Choice.Target(target, "suggested target " + target),
                        Decision.Reason.SERVER_HINT, why, now);
            }
        }
        TargetChooser.Choice choice = chooser.choose(server, s, candidates, excluded, Set.of(), false, now);
        if (choice instanceof TargetChooser.Choice.None && excluded.size() > failedAt.size()) {
            // The server wants us gone: a server left recently beats staying on one that is going away.
            Map<String, String> onlyFailed = new HashMap<>(excluded);
            onlyFailed.keySet().retainAll(failedAt.keySet());
            choice = chooser.choose(server, s, candidates, onlyFailed, Set.of(), false, now);
        }
        return switch (choice) {
            case TargetChooser.Choice.None none -> new Decision.Stay(none.reason(), why + "; " + none.detail());
            case TargetChooser.Choice.Target t -> migrate(server, t, Decision.Reason.SERVER_HINT, why, now);
        };
    }

    /** Cooldown and per-minute cap; null when neither holds the migration back. */
    private Decision.Stay rateLimit(Instant now, String why) {
        if (lastMigrationAt != null && now.isBefore(lastMigrationAt.plus(policy.cooldown()))) {
            return new Decision.Stay(Decision.Reason.COOLDOWN, why + "; last migration "
                    + formatDuration(Duration.between(lastMigrationAt, now)) + " ago < cooldown "
                    + formatDuration(policy.cooldown()));
        }
        while (!migrationTimes.isEmpty() && !migrationTimes.peekFirst().isAfter(now.minus(MINUTE))) {
            migrationTimes.removeFirst();
        }
        if (migrationTimes.size() >= policy.maxMigrationsPerMinute()) {
            return new Decision.Stay(Decision.Reason.RATE_CAPPED, why + "; " + migrationTimes.size()
                    + " migrations in the last minute, max_migrations_per_minute " + policy.maxMigrationsPerMinute());
        }
        return null;
    }

    private Map<String, String> exclusions(Instant now) {
        Map<String, String> out = new HashMap<>();
        Duration revisit = policy.revisitAfter();
        leftAt.entrySet().removeIf(e -> !now.isBefore(e.getValue().plus(revisit)));
        failedAt.entrySet().removeIf(e -> !now.isBefore(e.getValue().plus(revisit)));
        leftAt.forEach((id, at) -> out.put(id, "left " + formatDuration(Duration.between(at, now))
                + " ago (revisit_after " + formatDuration(revisit) + ")"));
        failedAt.forEach((id, at) -> out.put(id, "failed " + formatDuration(Duration.between(at, now)) + " ago"));
        return out;
    }

    private Decision.Migrate migrate(String server, TargetChooser.Choice.Target t, Decision.Reason reason,
                                     String why, Instant now) {
        migrationBeforeLast = lastMigrationAt;
        lastMigrationAt = now;
        migrationTimes.addLast(now);
        triggers.reset();
        pendingHint = null;
        return new Decision.Migrate(t.serverId(), reason, why + "; " + server + " -> " + t.detail());
    }

    private void record(Decision d) {
        counts.merge(d.reason(), 1L, Long::sum);
        switch (d) {
            case Decision.Migrate m -> LOG.info("conn={} MIGRATE to {} ({}): {}", connectionId, m.targetId(),
                    m.reason(), m.detail());
            case Decision.Stay st -> {
                boolean quiet = st.reason() == Decision.Reason.HEALTHY || st.reason() == Decision.Reason.TRIGGER_PENDING;
                if (!quiet && st.reason() != lastReason) {
                    LOG.info("conn={} stay ({}): {}", connectionId, st.reason(), st.detail());
                } else {
                    LOG.debug("conn={} stay ({}): {}", connectionId, st.reason(), st.detail());
                }
            }
        }
        lastReason = d.reason();
    }

    private static String leaves(List<TriggerEvaluator.LeafStatus> leaves, Instant now) {
        return leaves.stream().map(l -> l.describe(now)).collect(Collectors.joining(", "));
    }
}
