package dev.mtcp.client.internal;

import dev.mtcp.client.MigrationEvent;
import dev.mtcp.protocol.ProtocolException;
import dev.mtcp.protocol.carrier.Carrier;
import dev.mtcp.protocol.crypto.MigrateRequest;
import dev.mtcp.protocol.frame.Welcome;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * One MIGRATE handshake, run on its own virtual thread so the owner keeps serving the old carrier
 * meanwhile; the result comes back to the owner as an event.
 */
final class MigrationAttempt {
    final String target;
    final InetSocketAddress address;
    final String reason;
    final long epoch;
    final long startNanos;
    final CompletableFuture<MigrationEvent> future;   // null for failover and hint-driven attempts
    private volatile Carrier carrier;
    private volatile long sentNanos = -1;   // when the MIGRATE hello went out (the attempt's thread)
    private long progressNanos = -1;        // the last sign of progress the owner saw (owner thread only)

    MigrationAttempt(String target, InetSocketAddress address, String reason, long epoch, long startNanos,
                     CompletableFuture<MigrationEvent> future) {
        this.target = target;
        this.address = address;
        this.reason = reason;
        this.epoch = epoch;
        this.startNanos = startNanos;
        this.future = future;
    }

    /** A sign of progress at {@code nowNanos} (the origin fenced the old carrier): the wait starts again. */
    void progressed(long nowNanos) {
        progressNanos = Math.max(progressNanos, nowNanos);
    }

    /**
     * Whether the attempt must be given up at {@code nowNanos}: no WELCOME and no sign of progress for
     * {@code timeout} since the MIGRATE was sent (or since the last progress), or not even connected and
     * sent within {@code connectTimeout + timeout} of the start.
     */
    boolean stalled(long nowNanos, Duration connectTimeout, Duration timeout) {
        long sent = sentNanos;
        if (sent < 0) return nowNanos - startNanos > connectTimeout.plus(timeout).toNanos();
        return nowNanos - Math.max(sent, progressNanos) > timeout.toNanos();
    }

    /** Whether the MIGRATE hello went out (for the error message). */
    boolean sent() {
        return sentNanos >= 0;
    }

    /**
     * Connects within {@code connectTimeout} and waits for WELCOME; the socket's own read timeout,
     * {@code readBackstop}, only catches an owner that lost track: the owner ends the attempt by
     * {@link #abandon} once it is {@link #stalled}. {@code clock} is the owner's nanosecond clock.
     */
    void start(MigrateRequest request, byte[] kc, Duration connectTimeout, Duration readBackstop, String label,
               java.util.function.LongSupplier clock, Consumer<OwnerEvent> post) {
        Thread.ofVirtual().name("mtcp-migrate-" + label).start(() -> {
            Carrier c = null;
            try {
                c = Handshakes.openCarrier(address, connectTimeout, label);
                carrier = c;
                c.readTimeoutMillis((int) Math.min(Integer.MAX_VALUE, readBackstop.toMillis()));
                sentNanos = clock.getAsLong();
                Welcome w = Handshakes.migrate(c, address, request, kc);
                post.accept(new OwnerEvent.AttemptDone(this, c, w));
            } catch (Handshakes.Rejected r) {
                c.close();
                post.accept(new OwnerEvent.AttemptFailed(this, r.code(), r.getMessage()));
            } catch (IOException | ProtocolException | RuntimeException e) {
                if (c != null) c.close();
                post.accept(new OwnerEvent.AttemptFailed(this, null, target + " (" + address + "): " + e.getMessage()));
            }
        });
    }

    /** Abandons the attempt (give-up): closes its carrier if it has one. */
    void abandon() {
        Carrier c = carrier;
        if (c != null) c.close();
    }
}
