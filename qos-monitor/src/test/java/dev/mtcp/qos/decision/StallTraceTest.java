package dev.mtcp.qos.decision;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mtcp.qos.FakeClock;
import dev.mtcp.qos.metrics.ConnectionMetrics;
import dev.mtcp.qos.metrics.MetricsSettings;
import dev.mtcp.qos.policy.PolicyException;
import dev.mtcp.qos.policy.PolicyParser;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code stall_longer_than} end to end over the real {@link ConnectionMetrics} and
 * {@link DecisionEngine}, under a fake clock, fed the way the client stack feeds a proxied
 * connection it cannot parse: downstream bytes, "request pending" from the server's ACK of upstream
 * bytes after the last downstream byte, and "server data outstanding" from the server's PONGs. Stall
 * time runs only while one of the two holds: a download that just ends is not a stall, a download
 * whose server still holds bytes is.
 */
@Timeout(10)
class StallTraceTest {
    private static final long STALL_MILLIS = 1000;
    private static final long FOR_MILLIS = 500;

    private final FakeClock clock = new FakeClock();
    private final ConnectionMetrics metrics = new ConnectionMetrics(clock,
            new MetricsSettings(Duration.ofSeconds(2), Duration.ofSeconds(1)));
    private final DecisionEngine engine = new DecisionEngine(policy(), clock, "c0ffee");

    private static dev.mtcp.qos.policy.Policy policy() {
        try {
            return PolicyParser.parse("""
                    cooldown: 0s
                    min_connection_age: 0s
                    target: round_robin
                    triggers:
                      stall_longer_than: 1s
                      for: 500ms
                    """, "stall.yaml");
        } catch (PolicyException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }

    private Map<String, CandidateInfo> alternates() {
        Map<String, CandidateInfo> m = new LinkedHashMap<>();
        m.put("s2", CandidateInfo.measured("s2", Duration.ofMillis(10), 50_000_000, 100, clock.instant()));
        return m;
    }

    private Decision evaluate() {
        return engine.evaluate("s1", metrics.snapshot(), alternates());
    }

    /** A download in progress: 12.5 kB every 100 ms, each evaluated; the request was answered long ago. */
    private void downloadFor(long millis) {
        for (long t = 0; t < millis; t += 100) {
            clock.advanceMillis(100);
            metrics.onDownstreamBytes(12_500);
            assertThat(evaluate().reason()).isEqualTo(Decision.Reason.HEALTHY);
        }
    }

    /** Evaluates every millisecond until a decision migrates; returns the milliseconds that took. */
    private long millisUntilMigrate(long limitMillis) {
        for (long waited = 0; waited <= limitMillis; waited++) {
            Decision d = evaluate();
            if (d instanceof Decision.Migrate) {
                assertThat(d.detail()).contains("stall_longer_than 1s");
                return waited;
            }
            assertThat(d.reason()).as("at +%d ms", waited).isIn(Decision.Reason.HEALTHY, Decision.Reason.TRIGGER_PENDING);
            clock.advanceMillis(1);
        }
        return -1;
    }

    @Test
    void shouldFireAfterTheStallAndItsForWhenTheServerStillHoldsDataMidDownload() {
        metrics.onRequestPending(true);      // the GET went out and was ACKed ...
        clock.advanceMillis(20);
        metrics.onRequestPending(false);     // ... and the first response byte arrived
        downloadFor(2000);
        metrics.onServerDataOutstanding(true);   // bytes stop; the next PONG says the server holds more
        assertThat(millisUntilMigrate(10_000)).isEqualTo(STALL_MILLIS + 1 + FOR_MILLIS);
    }

    @Test
    void shouldNeverFireWhenTheDownloadEndsAndTheServerHoldsNothing() {
        downloadFor(2000);
        metrics.onServerDataOutstanding(false);  // PONGs: the server has sent everything it produced
        assertThat(millisUntilMigrate(10_000)).isEqualTo(-1);
        assertThat(metrics.snapshot().stall()).isZero();
    }

    @Test
    void shouldCountFromTheAcknowledgedRequestWhenTheServerAppDoesNotAnswer() {
        downloadFor(1000);                        // the previous response, all received
        metrics.onServerDataOutstanding(false);
        clock.advanceMillis(5000);                // idle: no stall
        assertThat(evaluate().reason()).isEqualTo(Decision.Reason.HEALTHY);
        metrics.onRequestPending(true);           // the next request, ACKed by the server: no answer comes
        assertThat(millisUntilMigrate(10_000)).isEqualTo(STALL_MILLIS + 1 + FOR_MILLIS);
    }

    @Test
    void shouldRestartTheStallWhenDownstreamMovesAgainOrTheServerCatchesUp() {
        downloadFor(1000);
        metrics.onServerDataOutstanding(true);
        clock.advanceMillis(1400);
        assertThat(evaluate().reason()).isEqualTo(Decision.Reason.TRIGGER_PENDING);   // stalled 1.4 s, for: not yet
        metrics.onDownstreamBytes(100);           // progress: the stall clock restarts
        assertThat(metrics.snapshot().stall()).isZero();
        assertThat(evaluate().reason()).isEqualTo(Decision.Reason.HEALTHY);
        clock.advanceMillis(900);
        metrics.onServerDataOutstanding(false);   // the client has all the server produced: not a stall
        clock.advanceMillis(5000);
        assertThat(metrics.snapshot().stall()).isZero();
        assertThat(evaluate().reason()).isEqualTo(Decision.Reason.HEALTHY);
    }

    @Test
    void shouldKeepOneStallClockWhenTheSignalsHandOver() {
        metrics.onRequestPending(true);
        clock.advanceMillis(600);
        metrics.onServerDataOutstanding(true);    // the server started producing, nothing arrived yet
        metrics.onRequestPending(false);
        clock.advanceMillis(600);
        assertThat(metrics.snapshot().stall()).isEqualTo(Duration.ofMillis(1200));
    }
}
