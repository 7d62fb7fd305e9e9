package dev.mtcp.protocol.session;

import dev.mtcp.protocol.ErrorCode;
import dev.mtcp.protocol.ProtocolException;
import dev.mtcp.protocol.frame.Data;

/**
 * The client's downstream position: everything below {@link #delivered()} was handed to the app. A DATA
 * frame yields only its bytes beyond that point, so a resend after a migration never duplicates a byte; a
 * gap is a protocol error. Single-threaded.
 */
public final class ReceiveCursor {
    private long delivered;
    private long finOffset = -1;

    public ReceiveCursor() {
        this(0);
    }

    public ReceiveCursor(long delivered) {
        if (delivered < 0) {
            throw new IllegalArgumentException("delivered must be >= 0, got " + delivered);
        }
        this.delivered = delivered;
    }

    /**
     * Takes a DATA frame.
     *
     * @return the new bytes (empty for a complete duplicate)
     * @throws ProtocolException PROTOCOL_ERROR when the frame starts beyond {@link #delivered()}
     */
    public byte[] accept(Data d) throws ProtocolException {
        int from = newBytesStart(d.offset(), d.length());
        if (from >= d.length()) {
            return new byte[0];
        }
        if (from == 0) {
            delivered = d.endOffset();
            return d.bytes();
        }
        byte[] out = new byte[d.length() - from];
        d.copyTo(from, out, 0, out.length);
        delivered = d.endOffset();
        return out;
    }

    /**
     * Zero-copy form: advances past the frame and returns the index of its first new byte
     * ({@code length} when nothing is new); the caller hands {@code [index, length)} to the app.
     */
    public int advance(long offset, int length) throws ProtocolException {
        int from = newBytesStart(offset, length);
        if (from < length) {
            delivered = offset + length;
        }
        return from;
    }

    private int newBytesStart(long offset, int length) throws ProtocolException {
        if (finOffset >= 0 && offset + length > finOffset) {
            throw new ProtocolException(ErrorCode.PROTOCOL_ERROR,
                    "downstream DATA up to " + (offset + length) + " after FIN at " + finOffset);
        }
        if (offset > delivered) {
            throw new ProtocolException(ErrorCode.PROTOCOL_ERROR,
                    "downstream DATA at " + offset + " leaves a gap after " + delivered);
        }
        return (int) Math.min(length, delivered - offset);
    }

    /**
     * The server's FIN: the downstream ends at {@code endOffset}, which must equal {@link #delivered()}.
     * A repeated FIN at the same offset (resent after a migration) is ignored.
     *
     * @throws ProtocolException PROTOCOL_ERROR when endOffset differs from delivered or an earlier FIN
     */
    public void fin(long endOffset) throws ProtocolException {
        if (endOffset != delivered || (finOffset >= 0 && finOffset != endOffset)) {
            throw new ProtocolException(ErrorCode.PROTOCOL_ERROR, "downstream FIN at " + endOffset
                    + " but delivered " + delivered + (finOffset >= 0 ? ", earlier FIN at " + finOffset : ""));
        }
        finOffset = endOffset;
    }

    /** Whether the server's FIN arrived: the app's input stream is at its end. */
    public boolean isFinished() {
        return finOffset >= 0;
    }

    /** Downstream bytes delivered so far: the client's ACK and its MIGRATE's downDelivered. */
    public long delivered() {
        return delivered;
    }
}
