package dev.mtcp.server.replication;

import dev.mtcp.server.internal.ReplicationHook;
import dev.mtcp.server.internal.ServerSession;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * One replicated connection on its origin: a cursor per backup link, and the durability gate. The
 * gate is the minimum, over the backups currently live, of what each acknowledged; with no live
 * backup the gate opens (the origin degrades to ack-on-receive rather than stall forever).
 */
final class ReplicaFeed implements ReplicationHook {
    final ServerSession session;
    private final List<BackupLink> links;
    private final Map<BackupLink, FeedCursor> cursors = new ConcurrentHashMap<>();
    private final LongSupplier liveGeneration;

    ReplicaFeed(ServerSession session, List<BackupLink> links, LongSupplier liveGeneration) {
        this.session = session;
        this.links = links;
        this.liveGeneration = liveGeneration;
        for (BackupLink l : links) cursors.put(l, new FeedCursor());
    }

    FeedCursor cursor(BackupLink link) {
        return cursors.get(link);
    }

    @Override
    public void changed() {
        for (BackupLink l : links) l.markDirty(this);
    }

    @Override
    public void confirmEpoch() {
        for (BackupLink l : links) {
            FeedCursor c = cursors.get(l);
            synchronized (c) {
                c.probe = true;
            }
            l.markDirty(this);
        }
    }

    boolean allDone() {
        for (FeedCursor c : cursors.values()) {
            synchronized (c) {
                if (!c.done || c.inFlightCount() > 0) return false;
            }
        }
        return true;
    }

    /**
     * Recomputes the gate from the live links and hands it to the session (never called with a cursor
     * held). Once the replicator is halted (the server is crashing or shutting down) the gate stays
     * where it is: its links are no longer live, and counting that as "no live backup" would open the
     * gate fully and let the session ACK, in the moment before its carrier closes, upstream bytes no
     * backup holds — the client would then drop bytes the surviving replica lacks (issue 4, MUST-44).
     */
    void updateGate() {
        Gate g = gate();
        if (g != null) session.onReplicated(g.up(), g.down(), g.fin(), g.generation());
    }

    /** What every live backup holds; null when the replicator is halted (the gate must not move). */
    Gate gate() {
        long generation = liveGeneration.getAsLong();   // read before the links: a later change re-runs this
        long up = Long.MAX_VALUE;
        long down = Long.MAX_VALUE;
        boolean fin = true;
        for (BackupLink l : links) {
            if (!l.isLive()) {
                if (l.isHalted()) return null;   // halted sets its flag before clearing live
                continue;
            }
            FeedCursor c = cursors.get(l);
            synchronized (c) {
                up = Math.min(up, c.ackedIn);
                down = Math.min(down, c.ackedOut);
                fin &= c.ackedFin;
            }
        }
        return new Gate(up, down, fin, generation);
    }

    /**
     * The durability gate: upstream and downstream offsets every live backup holds, whether FIN, and the
     * generation of the live set it was computed from.
     */
    record Gate(long up, long down, boolean fin, long generation) {
    }
}
