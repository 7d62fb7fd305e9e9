package dev.mtcp.client.internal;

import java.time.Duration;

/**
 * Failover bookkeeping for one connection: since when no carrier works, which server to try next
 * (each server in turn, the failed one last), a backoff after each full round, and the give-up time.
 */
final class Failover {
    private static final long BASE_BACKOFF_NANOS = 50_000_000L;
    private static final long MAX_BACKOFF_NANOS = 1_000_000_000L;

    private final long giveUpNanos;
    private long sinceNanos = -1;
    private int steps;
    private int rounds;
    private int backoffStep = -1;
    private long retryAtNanos = -1;
    private String lastError = "";

    Failover(Duration giveUpAfter) {
        this.giveUpNanos = giveUpAfter.toNanos();
    }

    void begin(long nowNanos, String why) {
        if (sinceNanos < 0) {
            sinceNanos = nowNanos;
            steps = 0;
            rounds = 0;
            backoffStep = -1;
            retryAtNanos = -1;
        }
        lastError = why;
    }

    void failed(String why) {
        lastError = why;
    }

    boolean expired(long nowNanos) {
        return sinceNanos >= 0 && nowNanos - sinceNanos > giveUpNanos;
    }

    /** When the next attempt may start: now, or after the backoff that follows each full round. */
    long waitUntil(long nowNanos, int serverCount) {
        if (steps > 0 && steps % serverCount == 0 && backoffStep != steps) {
            backoffStep = steps;
            rounds++;
            retryAtNanos = nowNanos + Math.min(MAX_BACKOFF_NANOS, BASE_BACKOFF_NANOS << Math.min(rounds, 5));
        }
        return Math.max(nowNanos, retryAtNanos);
    }

    /** 1 = the server after the failed one, ..., n = the failed one itself, then around again. */
    int nextStep() {
        return ++steps;
    }

    String lastError() {
        return lastError;
    }

    void end() {
        sinceNanos = -1;
    }
}
