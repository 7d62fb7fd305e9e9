package dev.mtcp.server.replication;

import java.util.ArrayDeque;

/**
 * What one backup has been sent and has acknowledged of one connection. Guarded by its own monitor:
 * the link's sender builds deltas, the link's reader applies REPLICATE_ACKs.
 */
final class FeedCursor {
    /** A delta in flight and how far it brings the backup. */
    private record InFlight(long sequence, long inEnd, long outEnd, boolean fin) {
    }

    boolean based;
    boolean done;
    /** The origin asks this backup to confirm its epoch: the next wake-up sends a delta, an empty one if nothing changed. */
    boolean probe;
    long sequence;
    long inSent;
    long outSent;
    long inStartSent;
    long outStartSent;
    long checkpointsSent;
    boolean upFinSent;
    boolean downFinSent;
    boolean appDoneSent;
    long ackedIn;
    long ackedOut;
    boolean ackedFin;
    private final ArrayDeque<InFlight> inFlight = new ArrayDeque<>();

    /** The backup lost or never had this connection (new channel): start over with a base. */
    int reset() {
        int dropped = inFlight.size();
        based = false;
        done = false;
        ackedIn = 0;
        ackedOut = 0;
        ackedFin = false;
        inFlight.clear();
        return dropped;
    }

    void sent(long seq, long inEnd, long outEnd, boolean fin) {
        inFlight.addLast(new InFlight(seq, inEnd, outEnd, fin));
    }

    /** Applies REPLICATE_ACK(seq): every delta up to it is held. Returns how many deltas that acknowledged. */
    int acked(long seq) {
        int n = 0;
        while (!inFlight.isEmpty() && inFlight.peekFirst().sequence() <= seq) {
            InFlight f = inFlight.pollFirst();
            ackedIn = Math.max(ackedIn, f.inEnd());
            ackedOut = Math.max(ackedOut, f.outEnd());
            ackedFin |= f.fin();
            n++;
        }
        return n;
    }

    int inFlightCount() {
        return inFlight.size();
    }
}
