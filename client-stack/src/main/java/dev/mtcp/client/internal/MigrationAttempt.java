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
    /** The owner gives the attempt up at this time unless it shows progress (owner thread only). */
    long deadlineNanos;
    private volatile Carrier carrier;

    MigrationAttempt(String target, InetSocketAddress address, String reason, long epoch, long startNanos,
                     CompletableFuture<MigrationEvent> future) {
        this.target = target;
        this.address = address;
        this.reason = reason;
        this.epoch = epoch;
        this.startNanos = startNanos;
        this.future = future;
    }

    /** A sign of progress at {@code nowNanos}: the attempt may take {@code timeout} more from here. */
    void progressed(long nowNanos, Duration timeout) {
        deadlineNanos = Math.max(deadlineNanos, nowNanos + timeout.toNanos());
    }

    /**
     * Connects within {@code connectTimeout} and waits for WELCOME; the socket's own read timeout,
     * {@code readBackstop}, only catches an owner that lost track: the owner ends a stalled attempt at
     * its {@link #deadlineNanos} by {@link #abandon}.
     */
    void start(MigrateRequest request, byte[] kc, Duration connectTimeout, Duration readBackstop, String label,
               Consumer<OwnerEvent> post) {
        Thread.ofVirtual().name("mtcp-migrate-" + label).start(() -> {
            Carrier c = null;
            try {
                c = Handshakes.openCarrier(address, connectTimeout, label);
                carrier = c;
                c.readTimeoutMillis((int) Math.min(Integer.MAX_VALUE, readBackstop.toMillis()));
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
