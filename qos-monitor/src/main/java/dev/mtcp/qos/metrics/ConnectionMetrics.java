package dev.mtcp.qos.metrics;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * Per-connection service-quality measurements, fed by events from the client stack (and the
 * observers) and read as {@link MetricsSnapshot}s by the decision engine.
 *
 * <p>Thread-safe: carrier reader threads, the PING loop and the observer may feed it concurrently;
 * every method is short and holds the instance lock. Time comes only from the injected clock.
 *
 * <p>After {@link #onMigrated} every per-carrier measurement (goodput windows and EWMA, RTTs,
 * TCP_INFO baseline, retransmission window, stall, server load) starts afresh: the new server is
 * judged on its own numbers. Totals and the connection age carry on.
 */
public final class ConnectionMetrics {
    private static final int SEGMENTS = 0;
    private static final int RETRANS = 1;

    private final InstantSource clock;
    private final Instant openedAt;
    private final SlidingWindowCounter bytesWindow;      // columns: 0 = down, 1 = up
    private final SlidingWindowCounter tcpInfoWindow;    // columns: segments, retransmissions
    private final SlidingWindowCounter pcapWindow;       // columns: segments, retransmissions
    private final EwmaRate downEwma;
    private final EwmaRate upEwma;
    private final RttEstimator sessionRtt = new RttEstimator();
    private final RttEstimator observedRtt = new RttEstimator();

    private Instant carrierStart;
    private Instant lastDownProgress;
    private Instant expectingSince;
    private boolean requestPending;
    private boolean serverDataOutstanding;
    private TcpInfoSample lastTcpInfo;
    private OptionalInt serverLoad = OptionalInt.empty();
    private long bytesDown;
    private long bytesUp;
    private int migrations;

    /** Metrics with {@link MetricsSettings#DEFAULTS}. */
    public ConnectionMetrics(InstantSource clock) {
        this(clock, MetricsSettings.DEFAULTS);
    }

    public ConnectionMetrics(InstantSource clock, MetricsSettings settings) {
        this.clock = Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(settings, "settings");
        this.openedAt = clock.instant();
        long windowNanos = settings.window().toNanos();
        long halfLifeNanos = settings.halfLife().toNanos();
        this.bytesWindow = new SlidingWindowCounter(windowNanos, 2);
        this.tcpInfoWindow = new SlidingWindowCounter(windowNanos, 2);
        this.pcapWindow = new SlidingWindowCounter(windowNanos, 2);
        long now = nanos(openedAt);
        this.downEwma = new EwmaRate(halfLifeNanos, now);
        this.upEwma = new EwmaRate(halfLifeNanos, now);
        this.carrierStart = openedAt;
        this.lastDownProgress = openedAt;
    }

    /** Application bytes delivered downstream (server to client). */
    public synchronized void onDownstreamBytes(long n) {
        requireNonNegative(n, "downstream bytes");
        Instant now = clock.instant();
        bytesWindow.add(nanos(now), 0, n);
        downEwma.add(nanos(now), n);
        bytesDown += n;
        if (n > 0) {
            lastDownProgress = now;
        }
    }

    /** Application bytes the server acknowledged upstream (client to server). */
    public synchronized void onUpstreamBytes(long n) {
        requireNonNegative(n, "upstream bytes");
        long now = nanos(clock.instant());
        bytesWindow.add(now, 1, n);
        upEwma.add(now, n);
        bytesUp += n;
    }

    /** A session RTT sample: PONG arrival minus its PING's send time. */
    public synchronized void onRttSample(Duration rtt) {
        sessionRtt.add(Objects.requireNonNull(rtt, "rtt"));
    }

    /** The server's load from a PONG, in permille (0..1000). */
    public synchronized void onServerLoad(int permille) {
        if (permille < 0 || permille > 1000) {
            throw new IllegalArgumentException("server load must be 0..1000 permille, got " + permille);
        }
        serverLoad = OptionalInt.of(permille);
    }

    /** A TCP_INFO reading of the current carrier; retransmission deltas are taken against the previous one. */
    public synchronized void onTcpInfo(TcpInfoSample s) {
        Objects.requireNonNull(s, "sample");
        long now = nanos(clock.instant());
        TcpInfoSample base = lastTcpInfo;
        if (base == null || s.segsOut() < base.segsOut() || s.totalRetrans() < base.totalRetrans()) {
            base = new TcpInfoSample(Duration.ZERO, Duration.ZERO, 0, 0, 0, 0, OptionalLong.empty());
        }
        tcpInfoWindow.add(now, SEGMENTS, s.segsOut() - base.segsOut());
        tcpInfoWindow.add(now, RETRANS, s.totalRetrans() - base.totalRetrans());
        lastTcpInfo = s;
    }

    /** An RTT sample derived by a passive observer (pcap: data segment to the ACK covering it). */
    public synchronized void onObservedRtt(Duration rtt) {
        observedRtt.add(Objects.requireNonNull(rtt, "rtt"));
    }

    /** A data segment seen by a passive observer; {@code retransmission} when its sequence was seen before. */
    public synchronized void onObservedSegment(boolean retransmission) {
        long now = nanos(clock.instant());
        pcapWindow.add(now, SEGMENTS, 1);
        if (retransmission) {
            pcapWindow.add(now, RETRANS, 1);
        }
    }

    /** Whether the client application waits for a response (drives stall time and goodput demand). */
    public synchronized void onRequestPending(boolean pending) {
        updateExpecting(pending, serverDataOutstanding);
    }

    /** Whether the server is known to have downstream data not yet delivered (e.g. a stream in progress). */
    public synchronized void onServerDataOutstanding(boolean outstanding) {
        updateExpecting(requestPending, outstanding);
    }

    /** The connection now runs on a new carrier to {@code newServerId}: per-carrier measurements restart. */
    public synchronized void onMigrated(String newServerId) {
        Objects.requireNonNull(newServerId, "newServerId");
        Instant now = clock.instant();
        migrations++;
        carrierStart = now;
        lastDownProgress = now;
        if (expectingSince != null) {
            expectingSince = now;
        }
        bytesWindow.clear();
        tcpInfoWindow.clear();
        pcapWindow.clear();
        downEwma.start(nanos(now));
        upEwma.start(nanos(now));
        sessionRtt.reset();
        observedRtt.reset();
        lastTcpInfo = null;
        serverLoad = OptionalInt.empty();
    }

    public synchronized MetricsSnapshot snapshot() {
        Instant now = clock.instant();
        long nowNanos = nanos(now);
        Duration carrierAge = Duration.between(carrierStart, now);
        long span = Math.min(bytesWindow.windowNanos(), Math.max(0, carrierAge.toNanos()));
        Goodput down = goodput(nowNanos, span, 0, downEwma);
        Goodput up = goodput(nowNanos, span, 1, upEwma);
        boolean expecting = expectingSince != null;
        boolean demand = expecting || bytesWindow.sum(nowNanos, 0) > 0;
        RetransWindow retrans = retransWindow(nowNanos);
        return new MetricsSnapshot(now, Duration.between(openedAt, now), carrierAge, down, up, demand,
                sessionRtt.srtt(), sessionRtt.rttVar(), carrierRtt(), carrierRttVar(),
                retrans.rate(), retrans.segments(), retrans.retransmissions(), stall(now), serverLoad,
                lastTcpInfo == null ? OptionalLong.empty() : lastTcpInfo.deliveryRateBps(),
                bytesDown, bytesUp, migrations);
    }

    private Goodput goodput(long nowNanos, long spanNanos, int column, EwmaRate ewma) {
        long bytes = bytesWindow.sum(nowNanos, column);
        long window = spanNanos <= 0 ? 0 : Math.round(bytes * 8e9 / spanNanos);
        long smoothed = Math.round(ewma.ratePerSecond(nowNanos) * 8);
        return new Goodput(window, smoothed);
    }

    private Optional<Duration> carrierRtt() {
        if (lastTcpInfo != null && !lastTcpInfo.rtt().isZero()) {
            return Optional.of(lastTcpInfo.rtt());
        }
        return observedRtt.srtt();
    }

    private Optional<Duration> carrierRttVar() {
        if (lastTcpInfo != null && !lastTcpInfo.rtt().isZero()) {
            return Optional.of(lastTcpInfo.rttVar());
        }
        return observedRtt.rttVar();
    }

    private record RetransWindow(OptionalDouble rate, long segments, long retransmissions) { }

    /** The worse of the two sources (TCP_INFO, pcap) that have segments in the window. */
    private RetransWindow retransWindow(long nowNanos) {
        RetransWindow worst = new RetransWindow(OptionalDouble.empty(), 0, 0);
        for (SlidingWindowCounter w : new SlidingWindowCounter[] {tcpInfoWindow, pcapWindow}) {
            long segs = w.sum(nowNanos, SEGMENTS);
            long retrans = w.sum(nowNanos, RETRANS);
            if (segs > 0) {
                double rate = Math.min(1.0, (double) retrans / segs);
                if (worst.rate().isEmpty() || rate > worst.rate().getAsDouble()) {
                    worst = new RetransWindow(OptionalDouble.of(rate), segs, retrans);
                }
            }
        }
        return worst;
    }

    private Duration stall(Instant now) {
        if (expectingSince == null) {
            return Duration.ZERO;
        }
        Instant since = expectingSince.isAfter(lastDownProgress) ? expectingSince : lastDownProgress;
        return since.isAfter(now) ? Duration.ZERO : Duration.between(since, now);
    }

    private void updateExpecting(boolean pending, boolean outstanding) {
        boolean was = requestPending || serverDataOutstanding;
        requestPending = pending;
        serverDataOutstanding = outstanding;
        boolean is = pending || outstanding;
        if (is && !was) {
            expectingSince = clock.instant();
        } else if (!is) {
            expectingSince = null;
        }
    }

    private long nanos(Instant t) {
        return Duration.between(openedAt, t).toNanos();
    }

    private static void requireNonNegative(long n, String what) {
        if (n < 0) {
            throw new IllegalArgumentException(what + " must not be negative, got " + n);
        }
    }
}
