package dev.mtcp.qos.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.mtcp.qos.FakeClock;
import java.time.Duration;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class ConnectionMetricsTest {
    private final FakeClock clock = new FakeClock();
    private final ConnectionMetrics metrics = new ConnectionMetrics(clock,
            new MetricsSettings(Duration.ofSeconds(2), Duration.ofSeconds(1)));

    /** 12,500 bytes every 100 ms = 125,000 B/s = 1 Mbit/s. */
    private void feedOneMbitFor(Duration d) {
        for (long t = 0; t < d.toMillis(); t += 100) {
            clock.advanceMillis(100);
            metrics.onDownstreamBytes(12_500);
        }
    }

    @Test
    void shouldReportWindowGoodputWhenBytesArriveSteadily() {
        feedOneMbitFor(Duration.ofSeconds(5));
        MetricsSnapshot s = metrics.snapshot();
        assertThat(s.down().windowBitsPerSecond()).isCloseTo(1_000_000L, within(60_000L));
        assertThat(s.up()).isEqualTo(new Goodput(0, 0));
        assertThat(s.bytesDown()).isEqualTo(50 * 12_500L);
        assertThat(s.downstreamDemand()).isTrue();
    }

    @Test
    void shouldConvergeEwmaToSteadyRateAndDecayWhenBytesStop() {
        feedOneMbitFor(Duration.ofSeconds(10));
        assertThat(metrics.snapshot().down().ewmaBitsPerSecond()).isCloseTo(1_000_000L, within(20_000L));
        clock.advance(Duration.ofSeconds(1));   // one half-life without bytes
        assertThat(metrics.snapshot().down().ewmaBitsPerSecond()).isCloseTo(500_000L, within(15_000L));
    }

    @Test
    void shouldNotRampEwmaFromZeroWhenCarrierIsNew() {
        feedOneMbitFor(Duration.ofMillis(300));
        assertThat(metrics.snapshot().down().ewmaBitsPerSecond()).isGreaterThan(700_000L);
    }

    @Test
    void shouldReportWindowGoodputOverCarrierAgeWhenYoungerThanWindow() {
        feedOneMbitFor(Duration.ofMillis(500));
        assertThat(metrics.snapshot().down().windowBitsPerSecond()).isCloseTo(1_000_000L, within(100_000L));
    }

    @Test
    void shouldDropOldBytesWhenWindowSlides() {
        feedOneMbitFor(Duration.ofSeconds(3));
        clock.advance(Duration.ofSeconds(3));
        MetricsSnapshot s = metrics.snapshot();
        assertThat(s.down().windowBitsPerSecond()).isZero();
        assertThat(s.downstreamDemand()).isFalse();
    }

    @Test
    void shouldSmoothRttPerRfc6298WhenPongsArrive() {
        metrics.onRttSample(Duration.ofMillis(100));
        MetricsSnapshot first = metrics.snapshot();
        assertThat(first.rtt()).contains(Duration.ofMillis(100));
        assertThat(first.rttVar()).contains(Duration.ofMillis(50));
        metrics.onRttSample(Duration.ofMillis(200));
        MetricsSnapshot second = metrics.snapshot();
        // RTTVAR = 3/4*50 + 1/4*|100-200| = 62.5 ms; SRTT = 7/8*100 + 1/8*200 = 112.5 ms
        assertThat(second.rtt()).contains(Duration.ofNanos(112_500_000));
        assertThat(second.rttVar()).contains(Duration.ofNanos(62_500_000));
        assertThat(second.effectiveRtt()).contains(Duration.ofNanos(112_500_000));
    }

    @Test
    void shouldFallBackToCarrierRttWhenNoPongYet() {
        metrics.onTcpInfo(tcpInfo(30, 0, 0));
        assertThat(metrics.snapshot().rtt()).isEmpty();
        assertThat(metrics.snapshot().effectiveRtt()).contains(Duration.ofMillis(30));
    }

    @Test
    void shouldComputeRetransRateFromTcpInfoDeltas() {
        metrics.onTcpInfo(tcpInfo(10, 1000, 50));     // baseline counts as the first delta: 50/1000
        clock.advanceMillis(500);
        metrics.onTcpInfo(tcpInfo(10, 2000, 150));    // +100 retrans of +1000 segments
        MetricsSnapshot s = metrics.snapshot();
        assertThat(s.segmentsInWindow()).isEqualTo(2000);
        assertThat(s.retransInWindow()).isEqualTo(150);
        assertThat(s.retransRate().getAsDouble()).isCloseTo(0.075, within(1e-9));
        clock.advance(Duration.ofSeconds(3));
        metrics.onTcpInfo(tcpInfo(10, 3000, 150));    // 1000 clean segments; old deltas left the window
        assertThat(metrics.snapshot().retransRate().getAsDouble()).isZero();
    }

    @Test
    void shouldTakeWorseSourceWhenPcapSeesMoreRetransmissions() {
        metrics.onTcpInfo(tcpInfo(10, 100, 0));
        for (int i = 0; i < 10; i++) {
            metrics.onObservedSegment(i < 3);
        }
        MetricsSnapshot s = metrics.snapshot();
        assertThat(s.retransRate().getAsDouble()).isCloseTo(0.3, within(1e-9));
        assertThat(s.retransInWindow()).isEqualTo(3);
        assertThat(s.segmentsInWindow()).isEqualTo(10);
    }

    @Test
    void shouldMeasureStallOnlyWhileDataIsExpected() {
        clock.advance(Duration.ofSeconds(5));
        assertThat(metrics.snapshot().stall()).isZero();
        metrics.onRequestPending(true);
        clock.advanceMillis(1500);
        assertThat(metrics.snapshot().stall()).isEqualTo(Duration.ofMillis(1500));
        metrics.onDownstreamBytes(10);
        clock.advanceMillis(200);
        assertThat(metrics.snapshot().stall()).isEqualTo(Duration.ofMillis(200));
        metrics.onServerDataOutstanding(true);
        metrics.onRequestPending(false);
        clock.advanceMillis(300);
        assertThat(metrics.snapshot().stall()).isEqualTo(Duration.ofMillis(500));
        metrics.onServerDataOutstanding(false);
        assertThat(metrics.snapshot().stall()).isZero();
    }

    @Test
    void shouldRestartPerCarrierMeasurementsWhenMigrated() {
        feedOneMbitFor(Duration.ofSeconds(2));
        metrics.onRttSample(Duration.ofMillis(80));
        metrics.onServerLoad(900);
        metrics.onTcpInfo(tcpInfo(80, 100, 10));
        metrics.onRequestPending(true);
        clock.advanceMillis(400);
        metrics.onMigrated("s2");
        MetricsSnapshot s = metrics.snapshot();
        assertThat(s.migrations()).isEqualTo(1);
        assertThat(s.carrierAge()).isZero();
        assertThat(s.age()).isEqualTo(Duration.ofMillis(2400));
        assertThat(s.rtt()).isEmpty();
        assertThat(s.carrierRtt()).isEmpty();
        assertThat(s.serverLoadPermille()).isEmpty();
        assertThat(s.retransRate()).isEmpty();
        assertThat(s.stall()).isZero();
        assertThat(s.down().windowBitsPerSecond()).isZero();
        assertThat(s.bytesDown()).isEqualTo(20 * 12_500L);
        // a new carrier's counters start at zero: the first sample is taken whole, not as a negative delta
        metrics.onTcpInfo(tcpInfo(20, 40, 1));
        assertThat(metrics.snapshot().retransInWindow()).isEqualTo(1);
    }

    @Test
    void shouldRejectImpossibleInputsWhenFed() {
        assertThatThrownBy(() -> metrics.onServerLoad(1001)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("0..1000");
        assertThatThrownBy(() -> metrics.onDownstreamBytes(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> metrics.onRttSample(Duration.ofMillis(-1))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldReportServerLoadAndDeliveryRateWhenReported() {
        metrics.onServerLoad(420);
        metrics.onTcpInfo(new TcpInfoSample(Duration.ofMillis(5), Duration.ofMillis(1), 10, 0, 1000, 10,
                OptionalLong.of(8_000_000)));
        MetricsSnapshot s = metrics.snapshot();
        assertThat(s.serverLoadPermille().getAsInt()).isEqualTo(420);
        assertThat(s.deliveryRateBitsPerSecond()).hasValue(8_000_000);
    }

    private static TcpInfoSample tcpInfo(long rttMillis, long segsOut, long retrans) {
        return new TcpInfoSample(Duration.ofMillis(rttMillis), Duration.ofMillis(rttMillis / 4), 10, retrans,
                segsOut * 1000, segsOut, OptionalLong.empty());
    }
}
