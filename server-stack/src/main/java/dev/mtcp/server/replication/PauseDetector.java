package dev.mtcp.server.replication;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Notices that this process did not run for a while (SIGSTOP, a frozen VM, a long stall): a tick
 * that should come every few milliseconds arrives more than {@code gap} after the previous one on
 * the monotonic clock. The process cannot tell what happened meanwhile: its clients may have failed
 * over, and the peer that took a connection over may have given up telling it.
 */
final class PauseDetector {
    private final LongSupplier nanoTime;
    private final long gapNanos;
    private long lastNanos;

    /** @param nanoTime a monotonic clock ({@code System::nanoTime}; a fake one in tests) */
    PauseDetector(LongSupplier nanoTime, Duration gap) {
        this.nanoTime = nanoTime;
        this.gapNanos = gap.toNanos();
        this.lastNanos = nanoTime.getAsLong();
    }

    /** Called at each tick: how long the process did not run, when that exceeds the gap; else 0. */
    long check() {
        long now = nanoTime.getAsLong();
        long since = now - lastNanos;
        lastNanos = now;
        return since > gapNanos ? since : 0;
    }
}
