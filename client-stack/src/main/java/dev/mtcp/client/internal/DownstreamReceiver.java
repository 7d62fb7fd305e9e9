package dev.mtcp.client.internal;

import dev.mtcp.client.ConnectionObserver;
import dev.mtcp.protocol.ProtocolException;
import dev.mtcp.protocol.frame.Data;
import dev.mtcp.protocol.session.ReceiveCursor;
import java.util.List;

/**
 * The client's downstream half: the {@link ReceiveCursor} (exactly-once, in-order acceptance of the
 * server's DATA and FIN), the app's inbound buffer, how far the app has read, and what the observers
 * are told about the bytes the current server still holds for this client. Owner thread only, except
 * {@link #published()}.
 */
final class DownstreamReceiver {
    private final ReceiveCursor cursor = new ReceiveCursor();
    private final InboundBuffer inbound;
    private final List<ConnectionObserver> observers;
    private long appConsumed;
    /** The current server's downstream end from its last PONG, and what the observers were told from it. */
    private long serverDownEnd;
    private long outstandingReported;
    private volatile long published;

    DownstreamReceiver(InboundBuffer inbound, List<ConnectionObserver> observers) {
        this.inbound = inbound;
        this.observers = observers;
    }

    /**
     * A DATA frame from the current carrier: its new bytes go to the app (a resent duplicate yields none).
     *
     * @return how many new bytes were delivered
     * @throws ProtocolException when the frame leaves a gap or runs past the server's FIN
     */
    int onData(Data d) throws ProtocolException {
        byte[] fresh = cursor.accept(d);
        if (fresh.length == 0) return 0;
        published = cursor.delivered();   // published before the app can read them: status never lags the app
        inbound.offer(fresh);
        observers.forEach(o -> o.onDownstreamBytes(fresh.length));
        if (outstandingReported > 0 && cursor.delivered() >= serverDownEnd) reportOutstanding(0);
        return fresh.length;
    }

    /**
     * The server's FIN: it must end exactly where the delivered bytes end (the server sends FIN on a carrier
     * only after every DATA before it on that carrier); a repeat at the same offset is ignored.
     *
     * @throws ProtocolException when the FIN is not at the delivered end or differs from an earlier FIN
     */
    void onFin(long end) throws ProtocolException {
        cursor.fin(end);
        inbound.finish();
    }

    /** The current server's PONG: how far its downstream goes, for the observers' outstanding-bytes report. */
    void onServerDownEnd(long downEnd) {
        serverDownEnd = downEnd;
        long delivered = cursor.delivered();
        reportOutstanding(appConsumed >= delivered ? Math.max(0, serverDownEnd - delivered) : 0);
    }

    /** The app has read everything below {@code offset}: the client's next ACK. */
    void consumedTo(long offset) {
        appConsumed = offset;
    }

    long consumed() {
        return appConsumed;
    }

    /** Downstream bytes delivered so far: MIGRATE's downDelivered. */
    long delivered() {
        return cursor.delivered();
    }

    /** Whether the server's FIN arrived (and so every byte before it). */
    boolean finished() {
        return cursor.isFinished();
    }

    /** {@link #delivered()} as last published, for status() from any thread. */
    long published() {
        return published;
    }

    private void reportOutstanding(long bytes) {
        outstandingReported = bytes;
        observers.forEach(o -> o.onServerDataOutstanding(bytes));
    }
}
