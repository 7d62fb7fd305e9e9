package dev.mtcp.server.internal;

import java.util.ArrayList;
import java.util.List;
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
 * <p>Any entry at or below what the client has spares the whole output log; a newer one only
 * spares the destination some regeneration. So the oldest entry matters most and is always kept:
 * older entries than the newest one at or below the client's ACK are never needed again; a
 * checkpoint that moves {@code inSnap} starts over; beyond {@link #MAX_ENTRIES} entries or
 * {@link #MAX_SNAPSHOT_BYTES} of snapshots an inner entry goes, the one whose neighbours are closest
 * (the history thins out evenly and never loses its oldest or newest entry). Guarded by the owning
 * session's lock.
 */
final class SnapshotHistory {
    static final int MAX_ENTRIES = 64;
    static final long MAX_SNAPSHOT_BYTES = 256 * 1024;

    /** One checkpoint: the app's snapshot and the downstream offset it had produced. */
    record Entry(byte[] snapshot, long outSnap) {
    }

    private final List<Entry> entries = new ArrayList<>();
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
        while (entries.size() > MAX_ENTRIES || (snapshotBytes > MAX_SNAPSHOT_BYTES && entries.size() > 2)) {
            dropInner();
        }
    }

    /** The client ACKed downstream to {@code clientAcked}: only the newest entry at or below it stays of those. */
    void trim(long clientAcked) {
        while (entries.size() > 1 && entries.get(1).outSnap() <= clientAcked) {
            snapshotBytes -= entries.removeFirst().snapshot().length;
        }
    }

    /**
     * The newest checkpoint at upstream position {@code atInSnap} whose output the client already
     * has up to {@code clientHas} (its {@code outSnap} is at or below it), if any.
     */
    Optional<Entry> newestAtOrBelow(long atInSnap, long clientHas) {
        if (atInSnap != inSnap) return Optional.empty();
        for (Entry e : entries.reversed()) {
            if (e.outSnap() <= clientHas) return Optional.of(e);
        }
        return Optional.empty();
    }

    int size() {
        return entries.size();
    }

    /** Removes the inner entry whose neighbours are closest (needs at least three entries). */
    private void dropInner() {
        int best = 1;
        long bestGap = Long.MAX_VALUE;
        for (int i = 1; i < entries.size() - 1; i++) {
            long gap = entries.get(i + 1).outSnap() - entries.get(i - 1).outSnap();
            if (gap < bestGap) {
                bestGap = gap;
                best = i;
            }
        }
        snapshotBytes -= entries.remove(best).snapshot().length;
    }
}
