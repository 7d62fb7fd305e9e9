package dev.mtcp.server.replication;

import dev.mtcp.server.internal.ServerSession;

/**
 * Builds the next delta for one backup from a session's live state and what that backup was sent
 * (called with the session's lock held and the cursor's monitor). Batches: one delta carries every
 * change since the previous one, up to {@code maxBytes} of log bytes.
 */
final class DeltaBuilder {
    private static final long TRIM_ONLY_BYTES = 1 << 20;

    private final int maxBytes;

    DeltaBuilder(int maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** The next delta, numbered {@code sequence}, or null when the backup is up to date (or this connection no longer replicates). */
    ReplicaDelta next(ServerSession.Live s, FeedCursor c, long sequence) {
        if (c.done || s.phase() == ServerSession.Phase.MOVING) return null;
        if (s.phase() == ServerSession.Phase.CLOSED && (!s.ended() || !c.based)) {
            c.done = true;      // moved on or fenced (the new owner replicates it), or nothing held to drop
            return null;
        }
        ReplicaDelta d = c.based ? delta(s, c) : base(s, c);
        if (d == null && c.probe) d = probe(s, c);
        if (d != null) {
            c.probe = false;     // any delta asks the backup: it answers COMMIT when the connection moved on
            c.sequence = sequence;
            c.sent(sequence, c.inSent, c.outSent, c.downFinSent);
        }
        return d;
    }

    /**
     * An empty delta at the session's epoch: the backup answers REPLICATE_ACK when it still takes this
     * origin's epoch, COMMIT when the connection moved on (the origin is then fenced).
     */
    private static ReplicaDelta probe(ServerSession.Live s, FeedCursor c) {
        return new ReplicaDelta(s.epoch(), false, new byte[0], false, null, 0, 0, c.inStartSent, c.inSent, new byte[0],
                c.outStartSent, c.outSent, new byte[0], -1, -1, false, false);
    }

    private ReplicaDelta base(ServerSession.Live s, FeedCursor c) {
        ReplicaDelta d = new ReplicaDelta(s.epoch(), true, s.connectionKey(), true, s.snapshot(), s.inSnap(),
                s.outSnap(), s.in().start(), s.in().start(), s.in().toArray(s.in().start()), s.out().start(),
                s.out().start(), s.out().toArray(s.out().start()), s.upFin(), s.downFin(), s.appDone(), s.ended());
        c.based = true;
        record(c, d, s.in().end(), s.out().end(), s.in().start(), s.out().start(), s.checkpoints());
        return d;
    }

    /**
     * A checkpoint travels only once the backup holds the output up to its {@code outSnap} (else a
     * resumed app would start producing past bytes nobody holds), and the app's end only with the
     * last output byte (else a destination would drain a partial log and never regenerate the rest).
     * Until then the delta carries output alone, leaving the backup's input log as it is.
     */
    private ReplicaDelta delta(ServerSession.Live s, FeedCursor c) {
        boolean checkpoint = s.checkpoints() != c.checkpointsSent;
        long outFrom = Math.max(c.outSent, s.out().start());
        int outLen = (int) Math.min(s.out().end() - outFrom, maxBytes);
        boolean outComplete = outFrom + outLen == s.out().end();
        if ((checkpoint && outFrom + outLen < s.outSnap()) || (s.appDone() && !outComplete)) {
            if (outLen == 0) return null;
            return outputOnly(s, c, outFrom, outLen);
        }
        long inFrom = Math.max(c.inSent, s.in().start());
        int inLen = (int) Math.min(s.in().end() - inFrom, maxBytes - outLen);
        boolean complete = outComplete && inFrom + inLen == s.in().end();
        boolean flags = (s.upFin() >= 0 && !c.upFinSent) || (s.downFin() >= 0 && !c.downFinSent)
                || (s.appDone() && !c.appDoneSent);
        boolean ended = s.ended() && complete;
        boolean bigTrim = s.out().start() - c.outStartSent >= TRIM_ONLY_BYTES
                || s.in().start() - c.inStartSent >= TRIM_ONLY_BYTES;
        if (!checkpoint && inLen == 0 && outLen == 0 && !(flags && complete) && !ended && !bigTrim) return null;
        byte[] input = new byte[inLen];
        if (inLen > 0) s.in().copy(inFrom, input, 0, inLen);
        byte[] output = new byte[outLen];
        if (outLen > 0) s.out().copy(outFrom, output, 0, outLen);
        ReplicaDelta d = new ReplicaDelta(s.epoch(), false, new byte[0], checkpoint, checkpoint ? s.snapshot() : null,
                s.inSnap(), s.outSnap(), s.in().start(), inFrom, input, s.out().start(), outFrom, output,
                complete ? s.upFin() : -1, complete ? s.downFin() : -1, complete && s.appDone(), ended);
        record(c, d, inFrom + inLen, outFrom + outLen, s.in().start(), s.out().start(), checkpoint ? s.checkpoints() : c.checkpointsSent);
        return d;
    }

    private ReplicaDelta outputOnly(ServerSession.Live s, FeedCursor c, long outFrom, int outLen) {
        byte[] output = new byte[outLen];
        s.out().copy(outFrom, output, 0, outLen);
        ReplicaDelta d = new ReplicaDelta(s.epoch(), false, new byte[0], false, null, 0, 0, c.inStartSent, c.inSent,
                new byte[0], s.out().start(), outFrom, output, -1, -1, false, false);
        record(c, d, c.inSent, outFrom + outLen, c.inStartSent, s.out().start(), c.checkpointsSent);
        return d;
    }

    private static void record(FeedCursor c, ReplicaDelta d, long inEnd, long outEnd, long inStart, long outStart,
                               long checkpoints) {
        c.inSent = inEnd;
        c.outSent = outEnd;
        c.inStartSent = inStart;
        c.outStartSent = outStart;
        c.checkpointsSent = checkpoints;
        c.upFinSent |= d.upFin() >= 0;
        c.downFinSent |= d.downFin() >= 0;
        c.appDoneSent |= d.appDone();
        if (d.ended()) c.done = true;
    }

    /** True while this cursor may still have something to send (the feed is re-marked dirty). */
    static boolean more(ServerSession.Live s, FeedCursor c) {
        return !c.done && c.based && (c.inSent < s.in().end() || c.outSent < s.out().end()
                || s.checkpoints() != c.checkpointsSent);
    }
}
