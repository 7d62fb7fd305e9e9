package dev.mtcp.protocol.session;

import dev.mtcp.protocol.ProtocolException;
import dev.mtcp.protocol.frame.Data;
import java.util.Optional;

/**
 * The client's upstream bytes not yet acknowledged by a server: the app appends, DATA frames are cut
 * from the send cursor, a server ACK (or a WELCOME's {@code upDurable}) trims, a migration rewinds the
 * cursor to {@code upDurable} and resends. Bounded: {@link #isFull()} tells the app writer to block.
 * Single-threaded (the connection's owner thread).
 */
public final class SendBuffer {
    private final OutgoingStream stream;

    public SendBuffer(long limitBytes) {
        this(0, limitBytes);
    }

    public SendBuffer(long startOffset, long limitBytes) {
        this.stream = new OutgoingStream(startOffset, limitBytes, "upstream send buffer");
    }

    /**
     * Appends all of {@code bytes}.
     *
     * @return the stream offset of the first appended byte
     * @throws IllegalStateException when they do not fit: check {@link #remainingCapacity()} or use {@link #offer}
     */
    public long append(byte[] bytes) {
        long at = stream.endOffset();
        if (bytes.length > stream.remainingCapacity()) {
            throw new IllegalStateException("send buffer full: " + bytes.length + " bytes offered, "
                    + stream.remainingCapacity() + " free of " + stream.limitBytes());
        }
        stream.offer(bytes, 0, bytes.length);
        return at;
    }

    /** Appends as many bytes as fit (0 when full); returns how many. */
    public int offer(byte[] src, int off, int len) {
        return stream.offer(src, off, len);
    }

    /** Server ACK: upstream bytes below {@code upTo} are durable and released. Stale ACKs are ignored. */
    public void ack(long upTo) throws ProtocolException {
        stream.ack(upTo);
    }

    /**
     * After a (re)WELCOME: the server holds everything below {@code upDurable}; release it and resend from there.
     *
     * @throws ProtocolException STATE_UNAVAILABLE if bytes from upDurable were already released, PROTOCOL_ERROR
     *                           if upDurable is beyond what was ever appended
     */
    public void restartFrom(long upDurable) throws ProtocolException {
        stream.rewindTo(Math.max(upDurable, 0));
        stream.ack(upDurable);
    }

    /**
     * After a (re)WELCOME under ack-on-replicate: resend from {@code upDurable} but keep every byte until an
     * ACK releases it. The new server may hold bytes its backups do not hold yet; if it crashes, the next
     * server may resume from an offset below {@code upDurable}, and those bytes must still be here.
     *
     * @throws ProtocolException STATE_UNAVAILABLE if bytes from upDurable were already released, PROTOCOL_ERROR
     *                           if upDurable is beyond what was ever appended (nothing changes then)
     */
    public void resendFrom(long upDurable) throws ProtocolException {
        stream.rewindTo(upDurable);
    }

    /** The next DATA frame to send, advancing the send cursor; empty when everything was sent. */
    public Optional<Data> nextData(int maxBytes) {
        return stream.nextData(maxBytes);
    }

    /** A copy of up to {@code max} unacknowledged bytes from {@code offset}, for resending. */
    public byte[] bytesFrom(long offset, int max) throws ProtocolException {
        return stream.bytesFrom(offset, max);
    }

    /** Offset the next appended byte gets. */
    public long nextOffset() {
        return stream.endOffset();
    }

    /** Everything below this was acknowledged. */
    public long ackedOffset() {
        return stream.ackedOffset();
    }

    /** Next offset {@link #nextData} will send. */
    public long sendOffset() {
        return stream.sendOffset();
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

    /** Backpressure: the app writer must wait for an ACK. */
    public boolean isFull() {
        return stream.isFull();
    }

    /** Whether bytes are waiting to be sent on the current carrier. */
    public boolean hasUnsent() {
        return stream.sendOffset() < stream.endOffset();
    }
}
