package dev.mtcp.server.internal;

import dev.mtcp.protocol.ConnectionId;
import dev.mtcp.protocol.ErrorCode;
import dev.mtcp.protocol.ProtocolException;
import dev.mtcp.protocol.frame.Ack;
import dev.mtcp.protocol.frame.Data;
import dev.mtcp.protocol.frame.Limits;
import dev.mtcp.protocol.session.ByteLog;
import java.util.Optional;

/**
 * A session's upstream half: the input log {@code [inSnap, received)}, the app's read position, the
 * client's FIN, and which ACK to send. ACKs never go beyond {@code inSnap + limit}, so a client whose
 * window is W makes the log hold at most {@code limit + W} without the carrier ever being stopped.
 * Guarded by the owning {@link ServerSession}'s lock.
 */
final class Upstream {
    private final ConnectionId id;
    private final ByteLog in;
    private final long limitBytes;
    private long consumed;
    private long upFin = -1;
    private long ackSent = -1;
    private long highestAck;       // the highest ACK ever sent, on any carrier (ackSent restarts per carrier)
    private long bytesReceived;

    Upstream(ConnectionId id, long limitBytes, long inSnap, byte[] log, long upFin) {
        this.id = id;
        this.limitBytes = limitBytes;
        this.in = new ByteLog(inSnap);
        in.append(log);
        this.consumed = inSnap;
        this.upFin = upFin;
    }

    long received() { return in.end(); }
    long consumed() { return consumed; }
    long upFin() { return upFin; }
    long bytesReceived() { return bytesReceived; }
    long available() { return in.end() - consumed; }
    boolean atEndOfStream() { return upFin >= 0 && consumed >= upFin; }
    boolean overHardCap() { return in.sizeBytes() >= 2 * limitBytes + 4L * Limits.MAX_DATA_BYTES; }
    byte[] logFrom(long inSnap) { return in.toArray(inSnap); }

    /** Takes the new part of a DATA frame; false when it held nothing new. */
    boolean accept(Data d) throws ProtocolException {
        long end = in.end();
        if (d.offset() > end) {
            throw new ProtocolException(ErrorCode.PROTOCOL_ERROR,
                    "DATA at " + d.offset() + " leaves a gap after " + end + " on connection " + id);
        }
        if (upFin >= 0 && d.endOffset() > upFin) {
            throw new ProtocolException(ErrorCode.PROTOCOL_ERROR, "DATA past FIN on connection " + id);
        }
        if (d.endOffset() <= end) return false;
        int skip = (int) (end - d.offset());
        byte[] fresh = new byte[d.length() - skip];
        d.copyTo(skip, fresh, 0, fresh.length);
        in.append(fresh);
        bytesReceived += fresh.length;
        return true;
    }

    void fin(long endOffset) throws ProtocolException {
        if (endOffset < in.end() || (upFin >= 0 && upFin != endOffset)) {
            throw new ProtocolException(ErrorCode.PROTOCOL_ERROR, "FIN at " + endOffset
                    + " contradicts " + in.end() + " bytes received on connection " + id);
        }
        upFin = endOffset;
    }

    /** App read of up to {@code len} waiting bytes (0 when none). */
    int read(byte[] b, int off, int len) {
        int n = in.copy(consumed, b, off, (int) Math.min(len, in.end() - consumed));
        consumed += n;
        return n;
    }

    /** Checkpoint: everything consumed so far is covered by the snapshot; returns the new inSnap. */
    long checkpoint() {
        in.trimTo(consumed);
        return consumed;
    }

    /** The app is gone: whatever arrives is accepted (ACKed) and dropped. */
    void discardAll() {
        in.trimTo(in.end());
        consumed = in.end();
    }

    long logStart() { return in.start(); }

    /** The input log itself, for the replicator (read with the session's lock held). */
    ByteLog log() { return in; }

    /** A copy of the received bytes {@code [from, received)} (from >= the log's start). */
    byte[] copyFrom(long from) {
        return in.toArray(from);
    }

    /** The ACK to send now, if it moved; never beyond {@code cap} (what the backups hold, ack-on-replicate). */
    Optional<Ack> nextAck(long cap) {
        long ackable = Math.min(Math.min(in.end(), in.start() + limitBytes), cap);
        if (ackable <= ackSent) return Optional.empty();
        ackSent = ackable;
        highestAck = Math.max(highestAck, ackable);
        return Optional.of(new Ack(ackable));
    }

    /** The highest upstream offset this server ever acknowledged. */
    long highestAck() {
        return highestAck;
    }

    /** A new carrier: repeat the current ACK on it. */
    void resetAck() {
        ackSent = -1;
    }
}
