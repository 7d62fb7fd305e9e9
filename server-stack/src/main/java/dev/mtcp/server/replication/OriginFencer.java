package dev.mtcp.server.replication;

import dev.mtcp.protocol.ConnectionId;
import dev.mtcp.protocol.frame.Commit;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells origins whose connections were taken over from a backup that those connections moved on
 * (COMMIT), until each origin hears it: at once, then with a backoff (0.5 s doubling up to 30 s) for
 * as long as the connection's ticket could still be used ({@code window}, the ticket lifetime). A
 * paused (SIGSTOP) or partitioned origin thus learns it was fenced whenever it comes back. One retry
 * loop per origin carries all of that origin's pending COMMITs over one peer channel.
 */
final class OriginFencer {
    private static final Logger log = LoggerFactory.getLogger(OriginFencer.class);
    static final long FIRST_RETRY_MILLIS = 500;
    static final long MAX_RETRY_MILLIS = 30_000;

    /** Delivers COMMITs to an origin over one peer channel; false when the origin could not be reached. */
    interface Channel {
        boolean deliver(String originId, List<Commit> commits);
    }

    private record Pending(Commit commit, long sinceMillis) {
    }

    private final Channel channel;
    private final InstantSource clock;
    private final long windowMillis;
    private final Map<String, Map<ConnectionId, Pending>> byOrigin = new HashMap<>();   // guarded by this
    private boolean closed;                                                            // guarded by this

    OriginFencer(Channel channel, InstantSource clock, Duration window) {
        this.channel = channel;
        this.clock = clock;
        this.windowMillis = window.toMillis();
    }

    /** Queues {@code commit} for {@code originId} (a newer epoch for the same connection replaces an older one). */
    void tell(String originId, Commit commit) {
        boolean start;
        synchronized (this) {
            if (closed) return;
            Map<ConnectionId, Pending> pending = byOrigin.get(originId);
            start = pending == null;
            if (start) {
                pending = new LinkedHashMap<>();
                byOrigin.put(originId, pending);
            }
            Pending old = pending.get(commit.id());
            if (old == null || old.commit().epoch() < commit.epoch()) {
                pending.put(commit.id(), new Pending(commit, clock.millis()));
            }
        }
        if (start) Thread.ofVirtual().name("mtcp-fence-" + originId).start(() -> retryLoop(originId));
    }

    /** The COMMITs still waiting for {@code originId} (tests and status). */
    synchronized int pending(String originId) {
        Map<ConnectionId, Pending> pending = byOrigin.get(originId);
        return pending == null ? 0 : pending.size();
    }

    /** Stops every retry loop (server crash or shutdown): nothing more is sent. */
    synchronized void close() {
        closed = true;
        byOrigin.clear();
    }

    private void retryLoop(String originId) {
        long backoffMillis = FIRST_RETRY_MILLIS;
        while (true) {
            List<Pending> batch = due(originId);
            if (batch.isEmpty()) return;
            if (channel.deliver(originId, batch.stream().map(Pending::commit).toList())) {
                delivered(originId, batch);
                backoffMillis = FIRST_RETRY_MILLIS;
                continue;
            }
            try {
                Thread.sleep(backoffMillis);   // retry pacing for an unreachable origin, not a wait for a condition
            } catch (InterruptedException e) {
                return;
            }
            backoffMillis = Math.min(MAX_RETRY_MILLIS, backoffMillis * 2);
        }
    }

    /** What is still to be told; drops what outlived the window; ends the loop (removes the origin) when nothing is left. */
    private synchronized List<Pending> due(String originId) {
        Map<ConnectionId, Pending> pending = byOrigin.get(originId);
        if (closed || pending == null) return List.of();
        long now = clock.millis();
        pending.values().removeIf(p -> {
            boolean expired = now - p.sinceMillis() > windowMillis;
            if (expired) {
                log.info("conn={} origin {} was not reachable for {} ms to be told of epoch {}; its replicas fence it",
                        p.commit().id(), originId, windowMillis, p.commit().epoch());
            }
            return expired;
        });
        if (pending.isEmpty()) {
            byOrigin.remove(originId);
            return List.of();
        }
        return new ArrayList<>(pending.values());
    }

    private synchronized void delivered(String originId, List<Pending> batch) {
        Map<ConnectionId, Pending> pending = byOrigin.get(originId);
        if (pending == null) return;
        for (Pending p : batch) {
            pending.remove(p.commit().id(), p);
            log.debug("conn={} origin {} told of epoch {}", p.commit().id(), originId, p.commit().epoch());
        }
    }
}
