package dev.mtcp.protocol.session;

import dev.mtcp.protocol.ErrorCode;
import dev.mtcp.protocol.ProtocolException;
import dev.mtcp.protocol.frame.Data;
import dev.mtcp.protocol.frame.Limits;

/**
 * The server's upstream bytes since the last checkpoint: {@code [inSnap, received)}. DATA is accepted
 * in order; bytes at offsets already received (a resend after a migration, any overlap) are dropped,
 * a gap is a protocol error. The app reads from its own cursor ({@link #consumedOffset()});
 * {@link #checkpoint} trims to the new {@code inSnap}; on a migration destination the log is restored
 * and the app replays it from {@code inSnap}.
 * <p>Bounded: while {@link #isFull()} the owner stops reading from the carrier. The frame already being
 * read may overshoot by at most {@link Limits#MAX_DATA_BYTES}; anything beyond is OVERLOADED.
 * Single-threaded.
 */
public final class InputLog {
    private final ByteWindow window;
    private final long limitBytes;
    private long consumedOffset;
    private long finOffset = -1;

    /** A fresh log: stream starts at 0. */
    public InputLog(long limitBytes) {
        this(0, limitBytes);
    }

    private InputLog(long inSnap, long limitBytes) {
        if (limitBytes < 1) {
            throw new IllegalArgumentException("input log limit must be >= 1 byte, got " + limitBytes);
        }
        this.window = new ByteWindow(inSnap);
        this.limitBytes = limitBytes;
        this.consumedOffset = inSnap;
    }

    /** The log on a migration destination: holds {@code logBytes} at {@code inSnap}, the app replays from inSnap. */
    public static InputLog restore(long inSnap, byte[] logBytes, long limitBytes) {
        InputLog log = new InputLog(inSnap, limitBytes);
        log.window.append(logBytes, 0, logBytes.length);
        return log;
    }

    /**
     * Accepts a DATA frame.
     *
     * @return how many new bytes it added (0 for a complete duplicate)
     * @throws ProtocolException PROTOCOL_ERROR for a gap, OVERLOADED when the owner kept reading past the limit
     */
    public int append(Data d) throws ProtocolException {
        int skip = newBytesStart(d.offset(), d.length());
        if (skip < 0) {
            return 0;
        }
        int n = d.length() - skip;
        if (window.size() + n > limitBytes + Limits.MAX_DATA_BYTES) {
            throw new ProtocolException(ErrorCode.OVERLOADED, "input log over its limit of " + limitBytes
                    + " bytes: the carrier must not be read while the log is full");
        }
        window.append(d.asReadOnlyBuffer().position(skip));
        return n;
    }

    /** Index in a frame at {@code offset} of its first new byte, or -1 when it holds nothing new. */
    private int newBytesStart(long offset, int length) throws ProtocolException {
        long received = window.end();
        if (finOffset >= 0 && offset + length > finOffset) {
            throw new ProtocolException(ErrorCode.PROTOCOL_ERROR,
                    "upstream DATA up to " + (offset + length) + " after FIN at " + finOffset);
        }
        if (offset > received) {
            throw new ProtocolException(ErrorCode.PROTOCOL_ERROR,
                    "upstream DATA at " + offset + " leaves a gap after " + received);
        }
        long end = offset + length;
        return end <= received ? -1 : (int) (received - offset);
    }

    /**
     * The client's FIN: its stream ends at {@code endOffset}, which must be exactly what was received
     * (FIN follows the last DATA on the carrier). A repeated FIN at the same offset is ignored.
     *
     * @throws ProtocolException PROTOCOL_ERROR when endOffset differs from the received offset or an earlier FIN
     */
    public void fin(long endOffset) throws ProtocolException {
        if (endOffset != window.end() || (finOffset >= 0 && finOffset != endOffset)) {
            throw new ProtocolException(ErrorCode.PROTOCOL_ERROR, "upstream FIN at " + endOffset
                    + " but received " + window.end() + (finOffset >= 0 ? ", earlier FIN at " + finOffset : ""));
        }
        finOffset = endOffset;
    }

    /** Whether the client's FIN arrived. */
    public boolean isFinished() {
        return finOffset >= 0;
    }

    /** Whether the app has read every byte before the FIN: its input stream is at end of stream. */
    public boolean atEndOfStream() {
        return finOffset >= 0 && consumedOffset == finOffset;
    }

    /** App read: copies up to {@code len} unread bytes; returns how many (0 when none are waiting). */
    public int read(byte[] dst, int off, int len) {
        int n = (int) Math.min(len, window.end() - consumedOffset);
        window.copy(consumedOffset, dst, off, n);
        consumedOffset += n;
        return n;
    }

    /** Unread bytes waiting for the app. */
    public long available() {
        return window.end() - consumedOffset;
    }

    /**
     * The app checkpointed having consumed everything below {@code inSnap}: drop those bytes.
     *
     * @throws IllegalArgumentException when inSnap is below the last checkpoint or beyond what the app consumed
     */
    public void checkpoint(long inSnap) {
        if (inSnap < window.start() || inSnap > consumedOffset) {
            throw new IllegalArgumentException("checkpoint at " + inSnap + " outside [" + window.start()
                    + ", consumed " + consumedOffset + "]");
        }
        window.trimTo(inSnap);
    }

    /** Moves the app's read cursor back to {@code offset} (&gt;= inSnap) to replay. */
    public void replayFrom(long offset) {
        if (offset < window.start() || offset > window.end()) {
            throw new IllegalArgumentException("replay from " + offset + " outside [" + window.start() + ", " + window.end() + "]");
        }
        consumedOffset = offset;
    }

    /** A copy of the whole log {@code [inSnap, received)} for exporting state. */
    public byte[] logBytes() {
        long n = window.size();
        if (n > Integer.MAX_VALUE - 16) {
            throw new IllegalStateException("input log of " + n + " bytes cannot be exported in one array");
        }
        return window.read(window.start(), (int) n);
    }

    /** Last checkpoint's upstream offset. */
    public long inSnap() {
        return window.start();
    }

    /** Upstream bytes received (and durable on receive): a WELCOME's upDurable, the ACK to send. */
    public long receivedOffset() {
        return window.end();
    }

    public long consumedOffset() {
        return consumedOffset;
    }

    public long limitBytes() {
        return limitBytes;
    }

    public long bufferedBytes() {
        return window.size();
    }

    public long remainingCapacity() {
        return Math.max(0, limitBytes - window.size());
    }

    /** Backpressure: stop reading from the carrier until the app checkpoints. */
    public boolean isFull() {
        return window.size() >= limitBytes;
    }
}
