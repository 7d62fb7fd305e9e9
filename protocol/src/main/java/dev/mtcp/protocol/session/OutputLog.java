package dev.mtcp.protocol.session;

import dev.mtcp.protocol.ProtocolException;
import dev.mtcp.protocol.frame.Data;
import java.util.Optional;

/**
 * The server's downstream bytes from the client's last ACK up to everything produced:
 * {@code [acked, produced)}. The app writes at its own cursor ({@link #appOffset()}); after a
 * migration the app restarts from {@code outSnap} and regenerates output the client already has or
 * the log already covers: those bytes are dropped here (the app contract makes them identical), only
 * bytes beyond {@link #producedOffset()} are new. Bounded: {@link #isFull()} tells the app writer to
 * block. Single-threaded.
 */
public final class OutputLog {
    private final OutgoingStream stream;
    private long appOffset;

    /** A fresh log: stream starts at 0. */
    public OutputLog(long limitBytes) {
        this.stream = new OutgoingStream(0, limitBytes, "downstream output log");
    }

    private OutputLog(long ackedOffset, long limitBytes) {
        this.stream = new OutgoingStream(ackedOffset, limitBytes, "downstream output log");
    }

    /**
     * The log on a migration destination.
     *
     * @param outSnap     downstream offset the imported snapshot was taken at (the app resumes writing here)
     * @param ackedOffset first byte of {@code logBytes} (what the client had delivered when the origin trimmed)
     * @param logBytes    the origin's output log, {@code [ackedOffset, ackedOffset + length)}
     */
    public static OutputLog restore(long outSnap, long ackedOffset, byte[] logBytes, long limitBytes) {
        if (outSnap < 0 || ackedOffset < 0) {
            throw new IllegalArgumentException("offsets must be >= 0: outSnap=" + outSnap + " acked=" + ackedOffset);
        }
        OutputLog log = new OutputLog(ackedOffset, limitBytes);
        log.stream.appendUnbounded(logBytes);
        if (outSnap > log.stream.endOffset()) {
            throw new IllegalArgumentException("outSnap " + outSnap + " is beyond the produced output " + log.stream.endOffset());
        }
        log.appOffset = outSnap;
        return log;
    }

    /**
     * The app writes {@code len} bytes at {@link #appOffset()}. Bytes below {@link #producedOffset()} are
     * regenerated output and dropped; new bytes are appended while there is room.
     *
     * @return how many of the app's bytes were consumed (regenerated plus appended); fewer than
     *         {@code len} means the log is full: block the app until an ACK
     */
    public int offer(byte[] src, int off, int len) {
        int regenerated = (int) Math.min(len, Math.max(0, stream.endOffset() - appOffset));
        int appended = stream.offer(src, off + regenerated, len - regenerated);
        int consumed = regenerated + appended;
        appOffset += consumed;
        return consumed;
    }

    /**
     * Appends all of {@code bytes} (see {@link #offer}).
     *
     * @return the stream offset of the first byte
     * @throws IllegalStateException when the new part does not fit
     */
    public long append(byte[] bytes) {
        long at = appOffset;
        long fresh = Math.max(0, appOffset + bytes.length - stream.endOffset());
        if (fresh > stream.remainingCapacity()) {
            throw new IllegalStateException("output log full: " + fresh + " new bytes, "
                    + stream.remainingCapacity() + " free of " + stream.limitBytes());
        }
        offer(bytes, 0, bytes.length);
        return at;
    }

    /** Client ACK: downstream bytes below {@code clientDelivered} are delivered and released. */
    public void ack(long clientDelivered) throws ProtocolException {
        stream.ack(clientDelivered);
    }

    /** A new carrier: the client has delivered everything below {@code downDelivered}; send from there. */
    public void restartFrom(long downDelivered) throws ProtocolException {
        stream.rewindTo(downDelivered);
        stream.ack(downDelivered);
    }

    /** The next DATA frame to send, advancing the send cursor. */
    public Optional<Data> nextData(int maxBytes) {
        return stream.nextData(maxBytes);
    }

    /** A copy of up to {@code max} logged bytes from {@code offset} (for exporting state or resending). */
    public byte[] bytesFrom(long offset, int max) throws ProtocolException {
        return stream.bytesFrom(offset, max);
    }

    /** Where the app's next byte goes; below {@link #producedOffset()} while it regenerates. */
    public long appOffset() {
        return appOffset;
    }

    /** End of the downstream stream produced so far. */
    public long producedOffset() {
        return stream.endOffset();
    }

    /** Everything below this was delivered by the client and released. */
    public long ackedOffset() {
        return stream.ackedOffset();
    }

    public long sendOffset() {
        return stream.sendOffset();
    }

    public boolean hasUnsent() {
        return stream.sendOffset() < stream.endOffset();
    }

    public long limitBytes() {
        return stream.limitBytes();
    }

    public long bufferedBytes() {
        return stream.bufferedBytes();
    }

    public long remainingCapacity() {
        return stream.remainingCapacity();
    }

    /** Backpressure: the app writer must wait for a client ACK. */
    public boolean isFull() {
        return stream.isFull();
    }
}
