package dev.mtcp.client.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Failure detection on virtual time (nanoseconds passed in). */
class FailureDetectorTest {
    private static final long MS = 1_000_000L;

    @Test
    void shouldUseTheFloorUntilTheFirstRttSample() {
        FailureDetector d = new FailureDetector(Duration.ofMillis(200), Duration.ofSeconds(1), 0);
        assertThat(d.deadAfterNanos()).isEqualTo(200 * MS);
        assertThat(d.probeTimeoutNanos()).isEqualTo(-1);
    }

    @Test
    void shouldPingOnlyWhenIdleAndDeclareDeathAfterDeadTimeWithoutAnswer() {
        FailureDetector d = new FailureDetector(Duration.ofMillis(200), Duration.ofSeconds(1), 0);
        d.onHeard(50 * MS);
        assertThat(d.shouldPing(100 * MS)).isFalse();       // heard 50 ms ago: not idle enough (100 ms)
        assertThat(d.shouldPing(150 * MS)).isTrue();
        d.onPingSent(150 * MS);
        assertThat(d.shouldPing(160 * MS)).isFalse();       // one PING at a time
        assertThat(d.isDead(250 * MS)).isFalse();
        assertThat(d.isDead(251 * MS)).isTrue();            // 201 ms since anything was heard
    }

    @Test
    void shouldStayAliveWhileProgressArrivesAndNeverPingABusyCarrier() {
        FailureDetector d = new FailureDetector(Duration.ofMillis(200), Duration.ofSeconds(1), 0);
        for (long t = 0; t < 5_000 * MS; t += 20 * MS) {
            d.onHeard(t);
            assertThat(d.shouldPing(t + MS)).isFalse();
            assertThat(d.isDead(t + MS)).isFalse();
        }
    }

    @Test
    void shouldStretchTheDeadTimeToFourProbeTimeoutsOnALongPath() {
        FailureDetector d = new FailureDetector(Duration.ofMillis(200), Duration.ofSeconds(1), 0);
        d.onPingSent(0);
        d.onPong(100 * MS, 100 * MS);                       // srtt 100, rttvar 50 -> pto 300 -> dead after 1200
        assertThat(d.probeTimeoutNanos()).isEqualTo(300 * MS);
        assertThat(d.deadAfterNanos()).isEqualTo(1200 * MS);
        d.onPingSent(700 * MS);
        assertThat(d.isDead(1200 * MS)).isFalse();
        assertThat(d.isDead(1301 * MS)).isTrue();
    }

    @Test
    void shouldStartEachCarrierAfresh() {
        FailureDetector d = new FailureDetector(Duration.ofMillis(200), Duration.ofSeconds(1), 0);
        d.onPingSent(150 * MS);
        d.onNewCarrier(300 * MS);
        assertThat(d.pingOutstanding()).isFalse();
        assertThat(d.isDead(400 * MS)).isFalse();
    }
}
