package dev.mtcp.server.internal;

import dev.mtcp.protocol.frame.MigrateHint;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
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
 * after {@code patience} if it stays (a client whose policy ignores hints). Each connection is hinted
 * once. The drain stays in force for {@code linger} after its last hint: a connection that arrives
 * meanwhile — a new one, or one that failed over back here because its new carrier looked dead during
 * the storm — is hinted away too. A connection that arrives by a live migration (another server's
 * hint, an operator, a QoS policy sent it here on purpose) is left alone. The first window is hinted before {@link #start} returns; the rest
 * by a virtual thread that checks the slots every millisecond and looks for arrivals every 100 ms.
 */
public final class DrainPacer {
    private static final Logger log = LoggerFactory.getLogger(DrainPacer.class);
    private static final long CHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final long SWEEP_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final String serverId;
    private final MigrateHint hint;
    private final int window;
    private final long patienceNanos;
    private final long lingerNanos;
    private final Runnable onHinted;
    private final ArrayDeque<InFlight> moving = new ArrayDeque<>();
    private final Set<ServerSession> hinted = Collections.newSetFromMap(new IdentityHashMap<>());
    private final ArrayDeque<ServerSession> due = new ArrayDeque<>();

    /** @param onHinted called once for every hint sent (the server's counter) */
    public DrainPacer(String serverId, MigrateHint hint, int window, Duration patience, Duration linger,
                      Runnable onHinted) {
        if (window <= 0) throw new IllegalArgumentException("window must be positive, got " + window);
        this.serverId = serverId;
        this.hint = hint;
        this.window = window;
        this.patienceNanos = patience.toNanos();
        this.lingerNanos = linger.toNanos();
        this.onHinted = onHinted;
    }

    /**
     * Hints every connection {@code live} holds, in order: the first window now, the rest as slots
     * free up, and arrivals until the linger after the last hint ends. Returns how many are due now.
     */
    public int start(Supplier<Collection<ServerSession>> live) {
        collectDue(live.get(), true);
        int dueNow = due.size();
        while (!due.isEmpty() && moving.size() < window) hint(due.poll());
        Thread.ofVirtual().name("mtcp-drain-" + serverId).start(() -> run(live));
        return dueNow;
    }

    private void run(Supplier<Collection<ServerSession>> live) {
        long lastHintNanos = System.nanoTime();
        long lastSweepNanos = lastHintNanos;
        while (true) {
            long now = System.nanoTime();
            release(now);
            if (due.isEmpty() && now - lastSweepNanos >= SWEEP_NANOS) {
                collectDue(live.get(), false);
                lastSweepNanos = now;
            }
            if (!due.isEmpty() && moving.size() < window) {
                hint(due.poll());
                lastHintNanos = now;
            } else if (due.isEmpty() && now - lastHintNanos > lingerNanos) {
                log.info("server {} drain: done ({} connections hinted)", serverId, hinted.size());
                return;
            } else {
                LockSupport.parkNanos(due.isEmpty() ? SWEEP_NANOS : CHECK_NANOS);
            }
        }
    }

    private void collectDue(Collection<ServerSession> sessions, boolean atStart) {
        for (ServerSession s : sessions) {
            if (!atStart && s.arrivedByLiveMigration()) continue;
            if (!hinted.contains(s) && s.phase() == ServerSession.Phase.ACTIVE && s.view().carrierAttached()) {
                hinted.add(s);
                due.add(s);
            }
        }
    }

    private void hint(ServerSession s) {
        if (s.sendControl(hint)) {
            onHinted.run();
            moving.add(new InFlight(s, System.nanoTime()));
        }
    }

    private void release(long now) {
        moving.removeIf(f -> f.session.phase() != ServerSession.Phase.ACTIVE || !f.session.view().carrierAttached()
                || now - f.sentNanos > patienceNanos);
    }

    private record InFlight(ServerSession session, long sentNanos) { }
}
