package dev.mtcp.harness.workload;

/**
 * The longest stretch without a delivery while bytes were due on one connection. Bytes become due
 * when they are requested (stream) or sent (echo) and stop being due once everything asked for has
 * arrived; an idle connection is not paused. Thread-safe: the sender and the reader both feed it.
 */
final class PauseMeter {
    private long lastNanos;
    private long maxGapNanos;
    private boolean running;

    /** Bytes are due from {@code nowNanos} on (no effect if they already were). */
    synchronized void due(long nowNanos) {
        if (!running) {
            running = true;
            lastNanos = nowNanos;
        }
    }

    /** Bytes arrived at {@code nowNanos}; {@code stillDue}: more are expected. */
    synchronized void delivered(long nowNanos, boolean stillDue) {
        if (running) {
            maxGapNanos = Math.max(maxGapNanos, nowNanos - lastNanos);
        }
        lastNanos = nowNanos;
        running = stillDue;
    }

    /** Nothing more is due. */
    synchronized void stop() {
        running = false;
    }

    /** The longest gap so far, including the one still open. */
    synchronized long maxPauseMillis(long nowNanos) {
        long max = running ? Math.max(maxGapNanos, nowNanos - lastNanos) : maxGapNanos;
        return max / 1_000_000;
    }
}
