package dev.mtcp.qos.decision;

import dev.mtcp.qos.FakeClock;
import dev.mtcp.qos.metrics.Goodput;
import dev.mtcp.qos.metrics.MetricsSnapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;

/** Builds metric snapshots for synthetic traces: a healthy connection, with one knob turned at a time. */
final class SyntheticMetrics {
    private final FakeClock clock;
    private final Instant openedAt;
    private long goodputBps = 10_000_000;
    private boolean demand = true;
    private Duration rtt = Duration.ofMillis(20);
    private double retransRate = 0.0;
    private Duration stall = Duration.ZERO;
    private int loadPermille = 100;

    SyntheticMetrics(FakeClock clock) {
        this.clock = clock;
        this.openedAt = clock.instant();
    }

    SyntheticMetrics goodput(long bitsPerSecond) {
        this.goodputBps = bitsPerSecond;
        return this;
    }

    SyntheticMetrics idle() {
        this.demand = false;
        this.goodputBps = 0;
        return this;
    }

    SyntheticMetrics rtt(Duration d) {
        this.rtt = d;
        return this;
    }

    SyntheticMetrics retransRate(double r) {
        this.retransRate = r;
        return this;
    }

    SyntheticMetrics stall(Duration d) {
        this.stall = d;
        return this;
    }

    SyntheticMetrics load(int permille) {
        this.loadPermille = permille;
        return this;
    }

    SyntheticMetrics healthy() {
        goodputBps = 10_000_000;
        demand = true;
        rtt = Duration.ofMillis(20);
        retransRate = 0;
        stall = Duration.ZERO;
        loadPermille = 100;
        return this;
    }

    MetricsSnapshot snapshot() {
        Instant now = clock.instant();
        Duration age = Duration.between(openedAt, now);
        return new MetricsSnapshot(now, age, age, new Goodput(goodputBps, goodputBps), Goodput.ZERO, demand,
                Optional.of(rtt), Optional.of(rtt.dividedBy(4)), Optional.of(rtt), Optional.of(rtt.dividedBy(4)),
                OptionalDouble.of(retransRate), 1000, Math.round(retransRate * 1000), stall,
                OptionalInt.of(loadPermille), OptionalLong.empty(), 1_000_000, 1_000, 0);
    }
}
