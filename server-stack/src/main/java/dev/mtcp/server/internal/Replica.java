package dev.mtcp.server.internal;

import dev.mtcp.protocol.ConnectionId;
import dev.mtcp.protocol.ErrorCode;
import dev.mtcp.protocol.ProtocolException;

/**
 * A backup's copy of another server's connection, built from REPLICATE deltas. Once a destination
 * took the connection from it (fence), deltas from the old origin are refused with FENCED.
 * Guarded by its own monitor.
 */
final class Replica {
    private final ConnectionId id;
    private long epoch;
    private byte[] kc;
    private byte[] snapshot;
    private boolean appDone;
    private long inSnap;
    private long outSnap;
    private long upFin = -1;
    private long downFin = -1;
    private long producedEnd;
    private ByteLog in = new ByteLog(0);
    private ByteLog out = new ByteLog(0);
    private boolean fenced;

    Replica(ConnectionId id) {
        this.id = id;
    }

    synchronized long epoch() {
        return epoch;
    }

    synchronized void apply(ReplicaDelta d) throws ProtocolException {
        if (fenced || d.epoch() < epoch) {
            throw new ProtocolException(ErrorCode.FENCED, "connection " + id + " moved on at epoch " + epoch);
        }
        if (d.full()) {
            in = new ByteLog(d.inOffset());
            out = new ByteLog(d.outOffset());
            kc = d.connectionKey();
        } else if (kc == null) {
            throw new ProtocolException(ErrorCode.STATE_UNAVAILABLE, "no full replica of connection " + id + " yet");
        }
        if (d.inOffset() != in.end() && d.inBytes().length > 0) {
            throw new ProtocolException(ErrorCode.PROTOCOL_ERROR, "replica input gap at " + d.inOffset() + " for " + id);
        }
        if (d.outOffset() > out.end()) {
            out = new ByteLog(d.outOffset());   // the client ACKed the bytes in between: nobody needs them
        } else if (d.outOffset() < out.end() && d.outBytes().length > 0) {
            throw new ProtocolException(ErrorCode.PROTOCOL_ERROR, "replica output overlap at " + d.outOffset() + " for " + id);
        }
        epoch = d.epoch();
        in.append(d.inBytes());
        out.append(d.outBytes());
        if (d.snapshot() != null) snapshot = d.snapshot();
        inSnap = d.inSnap();
        outSnap = d.outSnap();
        upFin = d.upFin();
        downFin = d.downFin();
        appDone = d.appDone();
        producedEnd = Math.max(producedEnd, d.producedEnd());
        in.trimTo(inSnap);
        out.trimTo(d.outStart());
    }

    byte[] connectionKey() {
        synchronized (this) {
            return kc.clone();
        }
    }

    /** Holds a full state and was not handed over yet. */
    synchronized boolean ready() {
        return kc != null && !fenced;
    }

    /**
     * Fences the replica at {@code newEpoch} and returns the state to resume from. The origin may have
     * sent bytes after its last delta: the client's signed {@code clientDelivered} bounds what it holds.
     */
    synchronized MigratableState fence(long newEpoch, long clientDelivered) throws ProtocolException {
        if (newEpoch <= epoch) {
            throw new ProtocolException(ErrorCode.STALE_EPOCH, "epoch " + newEpoch + " is not above " + epoch + " for " + id);
        }
        epoch = newEpoch;
        fenced = true;
        long from = Math.max(out.start(), Math.min(clientDelivered, out.end()));
        return new MigratableState(id, newEpoch, kc, snapshot, inSnap, outSnap, in.toArray(inSnap), upFin,
                from, out.toArray(from), Math.max(Math.max(producedEnd, out.end()), clientDelivered), downFin, appDone);
    }
}
