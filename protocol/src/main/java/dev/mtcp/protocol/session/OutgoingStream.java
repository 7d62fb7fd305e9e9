package dev.mtcp.protocol.session;

import dev.mtcp.protocol.ErrorCode;
import dev.mtcp.protocol.ProtocolException;
import dev.mtcp.protocol.frame.Data;
import dev.mtcp.protocol.frame.Limits;
import java.util.Optional;

/**
 * One direction's outgoing bytes kept until the peer acknowledges them: {@code [acked, end)} in a
 * {@link ByteWindow}, plus the send cursor (next offset to put in a DATA frame). Shared by
 * {@link SendBuffer} (client upstream) and {@link OutputLog} (server downstream). Single-threaded.
 */
final class OutgoingStream {
    private final ByteWindow window;
    private final long limitBytes;
    private final String what;
    private long sendOffset;

    OutgoingStream(long startOffset, long limitBytes, String what) {
        if (limitBytes < 1) {
            throw new IllegalArgumentException(what + " limit must be >= 1 byte, got " + limitBytes);
        }
        this.window = new ByteWindow(startOffset);
        this.limitBytes = limitBytes;
        this.what = what;
        this.sendOffset = startOffset;
    }

    long limitBytes() {
        return limitBytes;
    }

    long ackedOffset() {
        return window.start();
    }

    long endOffset() {
        return window.end();
    }

    long bufferedBytes() {
        return window.size();
    }

    long remainingCapacity() {
        return Math.max(0, limitBytes - window.size());
    }

    boolean isFull() {
        return window.size() >= limitBytes;
    }

    long sendOffset() {
        return sendOffset;
    }

    /** Appends as many bytes as fit; returns how many. */
    int offer(byte[] src, int off, int len) {
        int n = (int) Math.min(len, remainingCapacity());
        window.append(src, off, n);
        return n;
    }

    /**
     * Cumulative acknowledgement: drops bytes below {@code upTo}. An ACK below the current one is stale
     * and ignored; one beyond the bytes ever sent is a protocol violation.
     */
    void ack(long upTo) throws ProtocolException {
        if (upTo > window.end() || upTo < 0) {
            throw new ProtocolException(ErrorCode.PROTOCOL_ERROR,
                    what + " ACK " + upTo + " is beyond the end of the stream " + window.end());
        }
        if (upTo > window.start()) {
            window.trimTo(upTo);
            sendOffset = Math.max(sendOffset, upTo);
        }
    }

    /**
     * Moves the send cursor back (or forward within the buffer) to {@code offset}, e.g. to the
     * {@code upDurable}/{@code downDelivered} a new carrier starts from.
     *
     * @throws ProtocolException STATE_UNAVAILABLE when bytes from {@code offset} were already released,
     *                           PROTOCOL_ERROR when {@code offset} is beyond the stream
     */
    void rewindTo(long offset) throws ProtocolException {
        if (offset > window.end() || offset < 0) {
            throw new ProtocolException(ErrorCode.PROTOCOL_ERROR,
                    what + ": resend from " + offset + " is beyond the end of the stream " + window.end());
        }
        if (offset < window.start()) {
            throw new ProtocolException(ErrorCode.STATE_UNAVAILABLE, what + ": resend from " + offset
                    + " asked, but bytes below " + window.start() + " were acknowledged and released");
        }
        sendOffset = offset;
    }

    /** The next DATA frame to send (at most {@code maxBytes}), advancing the send cursor; empty if all sent. */
    Optional<Data> nextData(int maxBytes) {
        int max = Math.min(maxBytes, Limits.MAX_DATA_BYTES);
        if (sendOffset >= window.end() || max <= 0) {
            return Optional.empty();
        }
        Data d = new Data(sendOffset, window.read(sendOffset, max));
        sendOffset = d.endOffset();
        return Optional.of(d);
    }

    /** A copy of up to {@code max} retained bytes from {@code offset}. */
    byte[] bytesFrom(long offset, int max) throws ProtocolException {
        if (offset < window.start()) {
            throw new ProtocolException(ErrorCode.STATE_UNAVAILABLE,
                    what + ": bytes from " + offset + " asked, but bytes below " + window.start() + " were released");
        }
        if (offset > window.end()) {
            throw new ProtocolException(ErrorCode.PROTOCOL_ERROR,
                    what + ": offset " + offset + " is beyond the end of the stream " + window.end());
        }
        return window.read(offset, Math.max(0, max));
    }

    /** A copy of {@code len} retained bytes from {@code from} (caller checked the range). */
    byte[] read(long from, int len) {
        return window.read(from, len);
    }

    /** Appends bytes regardless of the limit (restoring a log that was within its limit elsewhere). */
    void appendUnbounded(byte[] src) {
        window.append(src, 0, src.length);
    }
}
