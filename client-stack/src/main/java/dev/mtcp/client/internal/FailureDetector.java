package dev.mtcp.client.internal;

import java.time.Duration;

/**
 * Decides when the current carrier is dead (design: crash failover, detection on the client).
 *
 * <p>Any frame from the server is progress. When nothing arrived for half the dead time (or the ping
 * interval, if shorter) one PING goes out: probing happens only on an idle carrier. The carrier is
 * dead when nothing at all — no progress, no PONG — arrived for {@code deadAfter}, where
 * {@code deadAfter = max(floor, 4 × probe timeout)} and the probe timeout is
 * {@code srtt + max(4 × rttvar, 1 ms)} from PONG round trips (RFC 6298 smoothing). Without an RTT
 * sample yet the floor alone applies. Owned by the connection's owner thread; times in nanoseconds.
 */
final class FailureDetector {
    private static final long GRANULARITY_NANOS = 1_000_000L;

    private final long floorNanos;
    private final long pingIntervalNanos;
    private long srttNanos = -1;
    private long rttvarNanos;
    private long lastHeardNanos;
    private long pingOutNanos = -1;

    FailureDetector(Duration floor, Duration pingInterval, long nowNanos) {
        this.floorNanos = floor.toNanos();
        this.pingIntervalNanos = pingInterval.toNanos();
        this.lastHeardNanos = nowNanos;
    }

    /** A new carrier starts with a clean slate (its first frames are progress). */
    void onNewCarrier(long nowNanos) {
        lastHeardNanos = nowNanos;
        pingOutNanos = -1;
    }

    /** Any frame from the server. */
    void onHeard(long nowNanos) {
        lastHeardNanos = nowNanos;
    }

    /** A PONG answered our PING; {@code rttNanos} is its round trip (negative: unknown). */
    void onPong(long nowNanos, long rttNanos) {
        lastHeardNanos = nowNanos;
        pingOutNanos = -1;
        if (rttNanos < 0) return;
        if (srttNanos < 0) {
            srttNanos = rttNanos;
            rttvarNanos = rttNanos / 2;
        } else {
            rttvarNanos = (3 * rttvarNanos + Math.abs(srttNanos - rttNanos)) / 4;
            srttNanos = (7 * srttNanos + rttNanos) / 8;
        }
    }

    boolean pingOutstanding() {
        return pingOutNanos >= 0;
    }

    /** The probe timeout from the smoothed RTT, or -1 before the first sample. */
    long probeTimeoutNanos() {
        return srttNanos < 0 ? -1 : srttNanos + Math.max(4 * rttvarNanos, GRANULARITY_NANOS);
    }

    long deadAfterNanos() {
        long pto = probeTimeoutNanos();
        return Math.max(floorNanos, pto < 0 ? 0 : 4 * pto);
    }

    /** Whether to send a PING now (the carrier has been idle long enough and none is out). */
    boolean shouldPing(long nowNanos) {
        long idleBeforePing = Math.min(pingIntervalNanos, deadAfterNanos() / 2);
        return pingOutNanos < 0 && nowNanos - lastHeardNanos >= idleBeforePing;
    }

    void onPingSent(long nowNanos) {
        pingOutNanos = nowNanos;
    }

    /** Dead: nothing heard for deadAfter, with a PING out (so an idle but healthy carrier had its chance). */
    boolean isDead(long nowNanos) {
        return pingOutNanos >= 0 && nowNanos - lastHeardNanos > deadAfterNanos();
    }

    long silenceNanos(long nowNanos) {
        return nowNanos - lastHeardNanos;
    }

    /** How often the owner should look: a quarter of the dead time, between 1 ms and 100 ms. */
    long tickNanos() {
        return Math.max(1_000_000L, Math.min(Math.min(pingIntervalNanos, deadAfterNanos() / 4), 100_000_000L));
    }
}
