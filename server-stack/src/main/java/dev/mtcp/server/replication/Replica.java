package dev.mtcp.server.replication;

import dev.mtcp.protocol.ConnectionId;
import dev.mtcp.protocol.ErrorCode;
import dev.mtcp.protocol.ProtocolException;
import dev.mtcp.server.internal.ByteLog;
import dev.mtcp.server.internal.MigratableState;

/**
 * One connection's state as a backup holds it: built from a base delta, advanced by the deltas that
 * follow, in sequence. Not thread-safe: {@link BackupStore} synchronizes on it.
 */
final class Replica {
    final ConnectionId id;
    final String originId;
    long epoch;
    boolean fenced;
    long lastSequence;
    long updatedAtMillis;
    private final byte[] connectionKey;
    private byte[] snapshot;
    private long inSnap;
    private long outSnap;
    private ByteLog in;
    private ByteLog out;
    private long upFin = -1;
    private long downFin = -1;
    private boolean appDone;

    Replica(ConnectionId id, String originId, long sequence, ReplicaDelta base, long nowMillis) throws ProtocolException {
        this.id = id;
        this.originId = originId;
        this.epoch = base.epoch();
        this.lastSequence = sequence;
        this.connectionKey = base.connectionKey().clone();
        this.in = new ByteLog(base.inStart());
        this.out = new ByteLog(base.outStart());
        apply(base, nowMillis);
    }

    /** Applies a delta that follows the last one; a gap in a log is a protocol error (the origin re-bases). */
    void apply(ReplicaDelta d, long nowMillis) throws ProtocolException {
        if (d.checkpoint()) {
            snapshot = d.snapshot();
            inSnap = d.inSnap();
            outSnap = d.outSnap();
            in = sync(in, inSnap, inSnap, new byte[0], "input");
        }
        in = sync(in, d.inStart(), d.inOffset(), d.input(), "input");
        out = sync(out, d.outStart(), d.outOffset(), d.output(), "output");
        if (d.upFin() >= 0) upFin = d.upFin();
        if (d.downFin() >= 0) downFin = d.downFin();
        appDone |= d.appDone();
        updatedAtMillis = nowMillis;
    }

    private ByteLog sync(ByteLog log, long start, long offset, byte[] bytes, String which) throws ProtocolException {
        ByteLog l = log;
        if (start > l.end()) {
            l = new ByteLog(start);      // the bytes in between are covered by the snapshot or the client's ACK
        } else {
            l.trimTo(start);
        }
        if (bytes.length == 0) return l;
        if (offset > l.end()) {
            throw new ProtocolException(ErrorCode.PROTOCOL_ERROR, "replicated " + which + " at " + offset
                    + " leaves a gap after " + l.end() + " on connection " + id);
        }
        long skip = l.end() - offset;
        if (skip < bytes.length) {
            byte[] fresh = skip == 0 ? bytes : java.util.Arrays.copyOfRange(bytes, (int) skip, bytes.length);
            l.append(fresh);
        }
        return l;
    }

    byte[] connectionKey() {
        return connectionKey.clone();
    }

    long inEnd() { return in.end(); }
    long outEnd() { return out.end(); }

    /** The state a destination resumes from. After the app finished its input no longer matters. */
    MigratableState toState(long atEpoch, long clientDelivered) {
        long inFrom = Math.max(inSnap, in.start());
        // the client may hold (and ACK) bytes past what this replica holds when the origin did not gate its
        // output (ack-on-receive): the resumed app regenerates them, the client's signed offset bounds them
        long producedEnd = Math.max(out.end(), clientDelivered);
        return new MigratableState(id, atEpoch, connectionKey, snapshot, inFrom, outSnap, in.toArray(inFrom), upFin,
                out.start(), out.toArray(out.start()), producedEnd, downFin, appDone);
    }
}
