package dev.mtcp.qos.decision;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mtcp.qos.FakeClock;
import dev.mtcp.qos.policy.Policy;
import dev.mtcp.qos.policy.PolicyException;
import dev.mtcp.qos.policy.PolicyParser;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@Timeout(10)
class DecisionEngineTest {
    private final FakeClock clock = new FakeClock();
    private final SyntheticMetrics metrics = new SyntheticMetrics(clock);

    private static Policy policy(String yaml) {
        try {
            return PolicyParser.parse(yaml, "test.yaml");
        } catch (PolicyException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }

    private DecisionEngine engine(String yaml) {
        return new DecisionEngine(policy(yaml), clock, "c0ffee");
    }

    /** Alternates measured now: s2 and s3 clearly better than anything the tests make s1 look like. */
    private Map<String, CandidateInfo> goodAlternates() {
        Map<String, CandidateInfo> m = new LinkedHashMap<>();
        m.put("s2", CandidateInfo.measured("s2", Duration.ofMillis(10), 50_000_000, 100, clock.instant()));
        m.put("s3", CandidateInfo.measured("s3", Duration.ofMillis(12), 40_000_000, 200, clock.instant()));
        return m;
    }

    private static final String QUICK = """
            cooldown: 0s
            min_connection_age: 0s
            max_migrations_per_minute: 100
            """;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            goodput_below: 1mbit     | goodput
            rtt_above: 300ms         | rtt
            retrans_rate_above: 2%   | retrans
            stall_longer_than: 1s    | stall
            server_load_above: 80%   | load
            """)
    void shouldFireAfterExactlyItsForWhenViolatedContinuously(String trigger, String knob) {
        DecisionEngine engine = engine(QUICK + "triggers:\n  " + trigger + "\n  for: 2s\n");
        Consumer<SyntheticMetrics> violate = switch (knob) {
            case "goodput" -> m -> m.goodput(500_000);
            case "rtt" -> m -> m.rtt(Duration.ofMillis(400));
            case "retrans" -> m -> m.retransRate(0.05);
            case "stall" -> m -> m.stall(Duration.ofMillis(1500));
            case "load" -> m -> m.load(900);
            default -> throw new IllegalArgumentException(knob);
        };
        assertThat(engine.evaluate("s1", metrics.snapshot(), goodAlternates()).reason())
                .isEqualTo(Decision.Reason.HEALTHY);
        clock.advanceMillis(100);
        violate.accept(metrics);
        for (int step = 0; step < 1999; step++) {   // violation starts here; 0 .. 1998 ms elapsed
            Decision d = engine.evaluate("s1", metrics.snapshot(), goodAlternates());
            assertThat(d.reason()).as("at +%d ms", step).isEqualTo(Decision.Reason.TRIGGER_PENDING);
            clock.advanceMillis(1);
        }
        assertThat(engine.evaluate("s1", metrics.snapshot(), goodAlternates()).reason())
                .as("at +1999 ms").isEqualTo(Decision.Reason.TRIGGER_PENDING);
        clock.advanceMillis(1);
        Decision fired = engine.evaluate("s1", metrics.snapshot(), goodAlternates());
        assertThat(fired).isInstanceOf(Decision.Migrate.class);
        assertThat(fired.reason()).isEqualTo(Decision.Reason.TRIGGERED);
        assertThat(fired.detail()).contains(trigger.substring(0, trigger.indexOf(':')), "violated for 2s");
    }

    @Test
    void shouldRestartForWhenViolationIsInterrupted() {
        DecisionEngine engine = engine(QUICK + "triggers:\n  goodput_below: 1mbit\n  for: 2s\n");
        metrics.goodput(500_000);
        engine.evaluate("s1", metrics.snapshot(), goodAlternates());
        clock.advanceMillis(1500);
        engine.evaluate("s1", metrics.snapshot(), goodAlternates());
        clock.advanceMillis(100);
        metrics.healthy();
        assertThat(engine.evaluate("s1", metrics.snapshot(), goodAlternates()).reason()).isEqualTo(Decision.Reason.HEALTHY);
        clock.advanceMillis(100);
        metrics.goodput(500_000);
        engine.evaluate("s1", metrics.snapshot(), goodAlternates());
        clock.advanceMillis(1999);
        assertThat(engine.evaluate("s1", metrics.snapshot(), goodAlternates()).reason())
                .isEqualTo(Decision.Reason.TRIGGER_PENDING);
        clock.advanceMillis(1);
        assertThat(engine.evaluate("s1", metrics.snapshot(), goodAlternates())).isInstanceOf(Decision.Migrate.class);
    }

    @Test
    void shouldNotJudgeGoodputWhenConnectionIsIdle() {
        DecisionEngine engine = engine(QUICK + "triggers:\n  goodput_below: 1mbit\n  for: 0s\n");
        metrics.idle();
        assertThat(engine.evaluate("s1", metrics.snapshot(), goodAlternates()).reason()).isEqualTo(Decision.Reason.HEALTHY);
    }

    @Test
    void shouldFireAllOnlyWhenEveryChildFiredAfterItsOwnFor() {
        DecisionEngine engine = engine(QUICK + """
                triggers:
                  all:
                    - retrans_rate_above: 2%
                      for: 1s
                    - server_load_above: 80%
                      for: 3s
                """);
        metrics.retransRate(0.05).load(900);
        engine.evaluate("s1", metrics.snapshot(), goodAlternates());
        clock.advanceMillis(1000);
        assertThat(engine.evaluate("s1", metrics.snapshot(), goodAlternates()).reason())
                .isEqualTo(Decision.Reason.TRIGGER_PENDING);
        clock.advanceMillis(1999);
        assertThat(engine.evaluate("s1", metrics.snapshot(), goodAlternates()).reason())
                .isEqualTo(Decision.Reason.TRIGGER_PENDING);
        clock.advanceMillis(1);
        Decision d = engine.evaluate("s1", metrics.snapshot(), goodAlternates());
        assertThat(d).isInstanceOf(Decision.Migrate.class);
        assertThat(d.detail()).contains("retrans rate 5%", "server load 90%");
    }

    @Test
    void shouldWaitForMinConnectionAgeWhenTriggerFiresEarly() {
        DecisionEngine engine = engine("min_connection_age: 5s\ntriggers:\n  rtt_above: 100ms\n  for: 1s\n");
        metrics.rtt(Duration.ofMillis(500));
        engine.evaluate("s1", metrics.snapshot(), goodAlternates());
        clock.advanceMillis(1000);
        Decision young = engine.evaluate("s1", metrics.snapshot(), goodAlternates());
        assertThat(young.reason()).isEqualTo(Decision.Reason.TOO_YOUNG);
        assertThat(young.detail()).contains("connection age 1s < min_connection_age 5s");
        clock.advanceMillis(3999);
        assertThat(engine.evaluate("s1", metrics.snapshot(), goodAlternates()).reason()).isEqualTo(Decision.Reason.TOO_YOUNG);
        clock.advanceMillis(1);
        assertThat(engine.evaluate("s1", metrics.snapshot(), goodAlternates())).isInstanceOf(Decision.Migrate.class);
    }

    @Test
    void shouldHoldCooldownWhenTriggerFiresAgainSoonAfterMigration() {
        DecisionEngine engine = engine("""
                min_connection_age: 0s
                cooldown: 30s
                revisit_after: 0s
                triggers:
                  rtt_above: 100ms
                  for: 1s
                """);
        metrics.rtt(Duration.ofMillis(500));
        engine.evaluate("s1", metrics.snapshot(), goodAlternates());
        clock.advanceMillis(1000);
        Decision first = engine.evaluate("s1", metrics.snapshot(), goodAlternates());
        assertThat(first).isInstanceOf(Decision.Migrate.class);
        Instant migratedAt = clock.instant();
        String server = ((Decision.Migrate) first).targetId();
        Decision d = null;
        while (clock.instant().isBefore(migratedAt.plusSeconds(30))) {
            clock.advanceMillis(250);
            d = engine.evaluate(server, metrics.snapshot(), goodAlternates());
            if (clock.instant().isBefore(migratedAt.plusSeconds(30))) {
                assertThat(d).as("at %s", clock.instant()).isInstanceOf(Decision.Stay.class);
            }
        }
        assertThat(d).isInstanceOf(Decision.Migrate.class);
        assertThat(engine.counters().get(Decision.Reason.COOLDOWN)).isGreaterThan(100);
    }

    @Test
    void shouldNeverExceedPerMinuteCapWhenSignalStaysBad() {
        DecisionEngine engine = engine("""
                min_connection_age: 0s
                cooldown: 0s
                revisit_after: 0s
                max_migrations_per_minute: 2
                triggers:
                  rtt_above: 100ms
                  for: 0s
                """);
        metrics.rtt(Duration.ofMillis(500));
        String server = "s1";
        List<Instant> migrations = new ArrayList<>();
        for (int i = 0; i < 3 * 60 * 4; i++) {     // three minutes, every 250 ms
            Decision d = engine.evaluate(server, metrics.snapshot(), goodAlternates());
            if (d instanceof Decision.Migrate m) {
                migrations.add(clock.instant());
                server = m.targetId();
            }
            clock.advanceMillis(250);
        }
        assertThat(migrations).hasSize(6);
        for (Instant at : migrations) {
            long inWindow = migrations.stream().filter(t -> !t.isBefore(at) && t.isBefore(at.plusSeconds(60))).count();
            assertThat(inWindow).as("migrations in the minute from %s", at).isLessThanOrEqualTo(2);
        }
        assertThat(engine.counters().get(Decision.Reason.RATE_CAPPED)).isPositive();
    }

    @Test
    void shouldNotMigrateWhenSignalFlapsFasterThanFor() {
        DecisionEngine engine = engine(QUICK + "triggers:\n  goodput_below: 1mbit\n  for: 2s\n");
        for (int i = 0; i < 5 * 60 * 10; i++) {     // five minutes, every 100 ms: 1.5 s bad, 0.5 s good
            boolean bad = (i % 20) < 15;
            if (bad) {
                metrics.goodput(300_000);
            } else {
                metrics.healthy();
            }
            assertThat(engine.evaluate("s1", metrics.snapshot(), goodAlternates())).isInstanceOf(Decision.Stay.class);
            clock.advanceMillis(100);
        }
        assertThat(engine.counters().migrations()).isZero();
    }

    @Test
    void shouldNotPingPongWhenEveryServerLooksBadRightAfterArrival() {
        DecisionEngine engine = engine("""
                min_connection_age: 0s
                cooldown: 5s
                max_migrations_per_minute: 10
                revisit_after: 2m
                target: round_robin
                triggers:
                  rtt_above: 100ms
                  for: 1s
                """);
        Map<String, CandidateInfo> two = Map.of("s1", CandidateInfo.known("s1"), "s2", CandidateInfo.known("s2"));
        metrics.rtt(Duration.ofMillis(500));         // the signal follows us: whichever server we are on is bad
        String server = "s1";
        Map<String, Instant> leftAt = new LinkedHashMap<>();
        List<String> moves = new ArrayList<>();
        for (int i = 0; i < 10 * 60 * 4; i++) {      // ten minutes
            Decision d = engine.evaluate(server, metrics.snapshot(), two);
            if (d instanceof Decision.Migrate m) {
                Instant back = leftAt.get(m.targetId());
                assertThat(back == null || !clock.instant().isBefore(back.plus(Duration.ofMinutes(2))))
                        .as("returned to %s within revisit_after", m.targetId()).isTrue();
                leftAt.put(server, clock.instant());
                moves.add(server + "->" + m.targetId());
                server = m.targetId();
            }
            clock.advanceMillis(250);
        }
        assertThat(moves).hasSizeLessThanOrEqualTo(5).hasSizeGreaterThanOrEqualTo(2);
        assertThat(engine.counters().get(Decision.Reason.NO_TARGET)).isPositive();
    }

    @Test
    void shouldRefuseTargetWhenNotMinImprovementBetter() {
        DecisionEngine engine = engine(QUICK + """
                target:
                  select: probe
                  min_improvement: 20%
                triggers:
                  goodput_below: 1mbit
                  for: 0s
                """);
        metrics.goodput(800_000);
        Map<String, CandidateInfo> slightlyBetter = Map.of("s2",
                CandidateInfo.measured("s2", Duration.ofMillis(5), 900_000, 0, clock.instant()));
        Decision refused = engine.evaluate("s1", metrics.snapshot(), slightlyBetter);
        assertThat(refused.reason()).isEqualTo(Decision.Reason.NOT_BETTER_ENOUGH);
        assertThat(refused.detail()).contains("s2 goodput 900kbit vs current 800kbit is not 20% better");
        Map<String, CandidateInfo> enough = Map.of("s2",
                CandidateInfo.measured("s2", Duration.ofMillis(5), 960_000, 0, clock.instant()));
        Decision d = engine.evaluate("s1", metrics.snapshot(), enough);
        assertThat(d).isEqualTo(new Decision.Migrate("s2", Decision.Reason.TRIGGERED, d.detail()));
    }

    @Test
    void shouldCompareRttInverselyWhenRttTriggerFired() {
        DecisionEngine engine = engine(QUICK + "triggers:\n  rtt_above: 200ms\n  for: 0s\n");
        metrics.rtt(Duration.ofMillis(300));
        Map<String, CandidateInfo> c = Map.of("s2",
                CandidateInfo.measured("s2", Duration.ofMillis(260), 90_000_000, 0, clock.instant()));
        assertThat(engine.evaluate("s1", metrics.snapshot(), c).reason()).isEqualTo(Decision.Reason.NOT_BETTER_ENOUGH);
        c = Map.of("s2", CandidateInfo.measured("s2", Duration.ofMillis(250), 90_000_000, 0, clock.instant()));
        assertThat(engine.evaluate("s1", metrics.snapshot(), c)).isInstanceOf(Decision.Migrate.class);
    }

    @Test
    void shouldPickBestMeasuredTargetWhenProbing() {
        DecisionEngine engine = engine(QUICK + "triggers:\n  rtt_above: 200ms\n  for: 0s\n");
        metrics.rtt(Duration.ofMillis(300));
        Map<String, CandidateInfo> c = Map.of(
                "s2", CandidateInfo.measured("s2", Duration.ofMillis(40), 90_000_000, 0, clock.instant()),
                "s3", CandidateInfo.measured("s3", Duration.ofMillis(20), 10_000_000, 0, clock.instant()),
                "s4", CandidateInfo.unreachable("s4", clock.instant()));
        assertThat(engine.evaluate("s1", metrics.snapshot(), c))
                .isInstanceOfSatisfying(Decision.Migrate.class, m -> assertThat(m.targetId()).isEqualTo("s3"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            target: least_load             | s3
            target: round_robin            | s2
            'target:\\n  prefer: [s3, s2]' | s3
            'target:\\n  prefer: [s9]'     | s2
            """)
    void shouldSelectByStrategyWhenTriggered(String target, String expected) {
        DecisionEngine engine = engine(QUICK + target.replace("\\n", "\n")
                + "\ntriggers:\n  server_load_above: 50%\n  for: 0s\n");
        metrics.load(900);
        Map<String, CandidateInfo> c = new LinkedHashMap<>();
        c.put("s2", CandidateInfo.measured("s2", Duration.ofMillis(10), 1_000_000, 400, clock.instant()));
        c.put("s3", CandidateInfo.measured("s3", Duration.ofMillis(10), 1_000_000, 200, clock.instant()));
        assertThat(engine.evaluate("s1", metrics.snapshot(), c))
                .isInstanceOfSatisfying(Decision.Migrate.class, m -> assertThat(m.targetId()).isEqualTo(expected));
    }

    @Test
    void shouldAskForProbesWhenTriggerPendingAndResultsMissing() {
        DecisionEngine engine = engine(QUICK + "triggers:\n  rtt_above: 200ms\n  for: 1s\n");
        Map<String, CandidateInfo> unmeasured = Map.of("s2", CandidateInfo.known("s2"));
        engine.evaluate("s1", metrics.snapshot(), unmeasured);
        assertThat(engine.wantsProbes()).isFalse();
        metrics.rtt(Duration.ofMillis(300));
        assertThat(engine.evaluate("s1", metrics.snapshot(), unmeasured).reason()).isEqualTo(Decision.Reason.TRIGGER_PENDING);
        assertThat(engine.wantsProbes()).isTrue();
        clock.advanceMillis(1000);
        assertThat(engine.evaluate("s1", metrics.snapshot(), unmeasured).reason()).isEqualTo(Decision.Reason.AWAITING_PROBE);
        Map<String, CandidateInfo> stale = Map.of("s2",
                CandidateInfo.measured("s2", Duration.ofMillis(5), 1, 0, clock.instant().minusSeconds(11)));
        assertThat(engine.evaluate("s1", metrics.snapshot(), stale).reason()).isEqualTo(Decision.Reason.AWAITING_PROBE);
    }

    @Test
    void shouldFollowDrainHintAtOnceWhenInCooldownAndYoung() {
        DecisionEngine engine = engine("cooldown: 1m\nmin_connection_age: 1m\n");
        engine.evaluate("s1", metrics.snapshot(), goodAlternates());
        engine.onServerHint(new ServerHint("s1", ServerHint.Reason.DRAIN, List.of("s3")));
        Decision d = engine.evaluate("s1", metrics.snapshot(), goodAlternates());
        assertThat(d).isEqualTo(new Decision.Migrate("s3", Decision.Reason.SERVER_HINT, d.detail()));
        clock.advanceMillis(10);
        engine.onServerHint(new ServerHint("s3", ServerHint.Reason.DRAIN, List.of()));
        Decision again = engine.evaluate("s3", metrics.snapshot(), goodAlternates());
        assertThat(again).isInstanceOfSatisfying(Decision.Migrate.class,
                m -> assertThat(m.targetId()).isEqualTo("s2"));
    }

    @Test
    void shouldHoldOverloadHintForCooldownWhenJustMigrated() {
        DecisionEngine engine = engine("cooldown: 10s\nmin_connection_age: 0s\n");
        engine.onServerHint(new ServerHint("s1", ServerHint.Reason.DRAIN, List.of("s2")));
        assertThat(engine.evaluate("s1", metrics.snapshot(), goodAlternates())).isInstanceOf(Decision.Migrate.class);
        engine.onServerHint(new ServerHint("s2", ServerHint.Reason.OVERLOAD, List.of("s3")));
        clock.advanceMillis(1000);
        assertThat(engine.evaluate("s2", metrics.snapshot(), goodAlternates()).reason()).isEqualTo(Decision.Reason.COOLDOWN);
        clock.advanceMillis(9000);
        assertThat(engine.evaluate("s2", metrics.snapshot(), goodAlternates()))
                .isInstanceOfSatisfying(Decision.Migrate.class, m -> assertThat(m.targetId()).isEqualTo("s3"));
    }

    @Test
    void shouldIgnoreHintWhenPolicySaysIgnore() {
        DecisionEngine engine = engine("on_server_hint: ignore\n");
        engine.onServerHint(new ServerHint("s1", ServerHint.Reason.DRAIN, List.of("s2")));
        assertThat(engine.evaluate("s1", metrics.snapshot(), goodAlternates()).reason()).isEqualTo(Decision.Reason.HINT_IGNORED);
        assertThat(engine.evaluate("s1", metrics.snapshot(), goodAlternates()).reason()).isEqualTo(Decision.Reason.HEALTHY);
    }

    @Test
    void shouldDropHintWhenItCameFromAServerAlreadyLeft() {
        DecisionEngine engine = engine("on_server_hint: migrate\n");
        engine.evaluate("s1", metrics.snapshot(), goodAlternates());
        engine.onServerHint(new ServerHint("s1", ServerHint.Reason.DRAIN, List.of("s3")));
        assertThat(engine.evaluate("s2", metrics.snapshot(), goodAlternates())).isInstanceOf(Decision.Stay.class);
    }

    @Test
    void shouldAvoidFailedTargetWithoutCooldownWhenMigrationFailed() {
        DecisionEngine engine = engine("min_connection_age: 0s\ncooldown: 1m\ntriggers:\n  rtt_above: 100ms\n  for: 0s\n");
        metrics.rtt(Duration.ofMillis(500));
        Decision first = engine.evaluate("s1", metrics.snapshot(), goodAlternates());
        assertThat(first).isInstanceOfSatisfying(Decision.Migrate.class, m -> assertThat(m.targetId()).isEqualTo("s2"));
        engine.onMigrationFailed("s2", "connection refused");
        clock.advanceMillis(250);
        assertThat(engine.evaluate("s1", metrics.snapshot(), goodAlternates()))
                .isInstanceOfSatisfying(Decision.Migrate.class, m -> assertThat(m.targetId()).isEqualTo("s3"));
    }

    @Test
    void shouldCountDecisionsByReasonWhenEvaluating() {
        DecisionEngine engine = engine(QUICK + "triggers:\n  rtt_above: 100ms\n  for: 1s\n");
        engine.evaluate("s1", metrics.snapshot(), goodAlternates());
        metrics.rtt(Duration.ofMillis(500));
        engine.evaluate("s1", metrics.snapshot(), goodAlternates());
        clock.advanceMillis(1000);
        engine.evaluate("s1", metrics.snapshot(), goodAlternates());
        DecisionCounters c = engine.counters();
        assertThat(c.get(Decision.Reason.HEALTHY)).isEqualTo(1);
        assertThat(c.get(Decision.Reason.TRIGGER_PENDING)).isEqualTo(1);
        assertThat(c.get(Decision.Reason.TRIGGERED)).isEqualTo(1);
        assertThat(c.migrations()).isEqualTo(1);
        assertThat(c.byReason()).containsKeys(Decision.Reason.values());
    }
}
