package dev.mtcp.server.internal;

import dev.mtcp.protocol.frame.MigrateHint;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a drain's MIGRATE_HINTs with at most {@code window} connections moving at once. Hinting a
 * thousand connections in one burst starts a thousand MIGRATE handshakes, FETCHes and fences that
 * share the CPU: every one of them then takes as long as all of them together (over a second), the
 * clients' handshake timeouts and failure detectors fire on the delay, and the retries pile more
 * work onto the same servers. In a window the total work is the same but each move is short.
 *
 * <p>A hinted connection frees its slot when it leaves (fenced by a FETCH, detached or closed), or
 * after {@code patience} if it stays (a client whose policy ignores hints). The first window is
 * hinted before {@link #start} returns; the rest by a virtual thread that checks the slots every
 * millisecond.
 */
public final class DrainPacer {
    private static final Logger log = LoggerFactory.getLogger(DrainPacer.class);
    private static final long CHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    private final String serverId;
    private final MigrateHint hint;
    private final int window;
    private final long patienceNanos;
    private final Runnable onHinted;

    /** @param onHinted called once for every hint sent (the server's counter) */
    public DrainPacer(String serverId, MigrateHint hint, int window, Duration patience, Runnable onHinted) {
        if (window <= 0) throw new IllegalArgumentException("window must be positive, got " + window);
        this.serverId = serverId;
        this.hint = hint;
        this.window = window;
        this.patienceNanos = patience.toNanos();
        this.onHinted = onHinted;
    }

    /** Hints {@code sessions} in order, the first window now and the rest as slots free up. */
    public void start(List<ServerSession> sessions) {
        ArrayDeque<InFlight> moving = new ArrayDeque<>();
        Iterator<ServerSession> next = sessions.iterator();
        while (next.hasNext() && moving.size() < window) {
            hint(next.next(), moving);
        }
        if (!next.hasNext()) return;
        Thread.ofVirtual().name("mtcp-drain-" + serverId).start(() -> {
            while (next.hasNext()) {
                release(moving);
                if (moving.size() < window) hint(next.next(), moving);
                else LockSupport.parkNanos(CHECK_NANOS);
            }
            log.info("server {} drain: every hint sent", serverId);
        });
    }

    private void hint(ServerSession s, ArrayDeque<InFlight> moving) {
        if (s.sendControl(hint)) {
            onHinted.run();
            moving.add(new InFlight(s, System.nanoTime()));
        }
    }

    private void release(ArrayDeque<InFlight> moving) {
        long now = System.nanoTime();
        moving.removeIf(f -> f.session.phase() != ServerSession.Phase.ACTIVE || !f.session.view().carrierAttached()
                || now - f.sentNanos > patienceNanos);
    }

    private record InFlight(ServerSession session, long sentNanos) { }
}
