package dev.mtcp.client.relay;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Pumps bytes between a client and a service until both directions have ended.
 *
 * <ul>
 *   <li>Backpressure: each direction reads the next chunk only after the previous one was written to
 *       the other side, so a slow reader slows the writer; at most {@link #BUFFER_BYTES} per direction
 *       are in the proxy.</li>
 *   <li>Half-close: end-of-stream from one side becomes {@link Duplex#shutdownOutput()} towards the
 *       other; the other direction goes on until it ends too.</li>
 *   <li>Failure: an I/O error in either direction closes both sides (the other pump unblocks).</li>
 * </ul>
 *
 * Upstream runs on a virtual thread of its own, downstream on the caller's thread.
 */
public final class Relay {

    /** Chunk size per direction. */
    public static final int BUFFER_BYTES = 64 * 1024;

    private final String sessionId;
    private final Duplex client;
    private final Duplex service;
    private final AtomicLong bytesUp = new AtomicLong();
    private final AtomicLong bytesDown = new AtomicLong();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicReference<String> failure = new AtomicReference<>();

    public Relay(String sessionId, Duplex client, Duplex service) {
        this.sessionId = Objects.requireNonNull(sessionId, "sessionId");
        this.client = Objects.requireNonNull(client, "client");
        this.service = Objects.requireNonNull(service, "service");
    }

    /**
     * Relays until both directions ended or one failed, then closes both sides.
     *
     * @return the first failure, if a direction ended with an I/O error rather than end-of-stream
     */
    public Optional<String> run() throws InterruptedException {
        Thread up = Thread.ofVirtual().name(sessionId + "-up").start(() -> pump("upstream", client, service, bytesUp));
        try {
            pump("downstream", service, client, bytesDown);
            up.join();
        } finally {
            closeBoth();
            up.join();
        }
        return Optional.ofNullable(failure.get());
    }

    /** Closes both sides now; {@link #run()} returns soon after. */
    public void abort() {
        closeBoth();
    }

    /** Bytes relayed client → service so far. */
    public long bytesUp() {
        return bytesUp.get();
    }

    /** Bytes relayed service → client so far. */
    public long bytesDown() {
        return bytesDown.get();
    }

    private void pump(String direction, Duplex from, Duplex to, AtomicLong counter) {
        byte[] buf = new byte[BUFFER_BYTES];
        try {
            InputStream in = from.input();
            OutputStream out = to.output();
            int n;
            while ((n = in.read(buf)) >= 0) {
                if (n > 0) {
                    out.write(buf, 0, n);
                    out.flush();
                    counter.addAndGet(n);
                }
            }
            to.shutdownOutput();
        } catch (IOException e) {
            if (!closed.get()) {
                failure.compareAndSet(null, direction + ": " + e.getMessage());
            }
            closeBoth();
        }
    }

    private void closeBoth() {
        if (closed.compareAndSet(false, true)) {
            closeQuietly(client);
            closeQuietly(service);
        }
    }

    private static void closeQuietly(Duplex d) {
        try {
            d.close();
        } catch (IOException ignored) {
            // closing to end the relay: the other end sees the reset; nothing more to do
        }
    }
}
