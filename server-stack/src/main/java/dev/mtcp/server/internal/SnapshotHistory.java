package dev.mtcp.server.internal;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.Optional;

/**
 * The app's recent checkpoints that share the current upstream position {@code inSnap}, oldest
 * first. A migration may resume the app from any of them: output is a deterministic function of a
 * snapshot and the input after its {@code inSnap}, and all of them are followed by the same input
 * log. Resuming from the newest one whose {@code outSnap} the client already has means the output
 * log need not travel at all: the destination regenerates the bytes the client is missing. That is
 * what keeps STATE small when the origin's link is the slow one (a download's unacknowledged window
 * would otherwise have to leave through it).
 *
 * <p>Bounded: a checkpoint that moves {@code inSnap} starts over; older entries than the newest
 * one at or below the client's ACK are never needed again; beyond {@link #MAX_ENTRIES} entries or
 * {@link #MAX_SNAPSHOT_BYTES} of snapshots the oldest are dropped (a migration then ships more of
 * the output log, as it would without the history). Guarded by the owning session's lock.
 */
final class SnapshotHistory {
    static final int MAX_ENTRIES = 64;
    static final long MAX_SNAPSHOT_BYTES = 256 * 1024;

    /** One checkpoint: the app's snapshot and the downstream offset it had produced. */
    record Entry(byte[] snapshot, long outSnap) {
    }

    private final ArrayDeque<Entry> entries = new ArrayDeque<>();
    private long inSnap = -1;
    private long snapshotBytes;

    /** Records a checkpoint; one at another upstream position replaces the history. */
    void record(byte[] snapshot, long newInSnap, long outSnap) {
        if (newInSnap != inSnap) {
            entries.clear();
            snapshotBytes = 0;
            inSnap = newInSnap;
        }
        entries.addLast(new Entry(snapshot, outSnap));
        snapshotBytes += snapshot.length;
        while (entries.size() > MAX_ENTRIES || (snapshotBytes > MAX_SNAPSHOT_BYTES && entries.size() > 1)) {
            dropOldest();
        }
    }

    /** The client ACKed downstream to {@code clientAcked}: only the newest entry at or below it stays of those. */
    void trim(long clientAcked) {
        while (entries.size() > 1) {
            Iterator<Entry> it = entries.iterator();
            it.next();
            if (it.next().outSnap() > clientAcked) return;
            dropOldest();
        }
    }

    /**
     * The newest checkpoint at upstream position {@code atInSnap} whose output the client already
     * has up to {@code clientHas} (its {@code outSnap} is at or below it), if any.
     */
    Optional<Entry> newestAtOrBelow(long atInSnap, long clientHas) {
        if (atInSnap != inSnap) return Optional.empty();
        Iterator<Entry> it = entries.descendingIterator();
        while (it.hasNext()) {
            Entry e = it.next();
            if (e.outSnap() <= clientHas) return Optional.of(e);
        }
        return Optional.empty();
    }

    int size() {
        return entries.size();
    }

    private void dropOldest() {
        snapshotBytes -= entries.removeFirst().snapshot().length;
    }
}
