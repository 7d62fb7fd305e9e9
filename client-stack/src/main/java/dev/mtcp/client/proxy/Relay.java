package dev.mtcp.client.proxy;

import dev.mtcp.client.MigratorySocket;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies one plain TCP connection to one migratory connection and back, each direction on its own
 * virtual thread, reading the next chunk only once the previous one was written (backpressure).
 * EOF in one direction becomes a half-close on the other side. If the migratory connection fails
 * (no server could take it), the plain client sees a TCP reset, never wrong bytes.
 */
final class Relay {
    private static final Logger log = LoggerFactory.getLogger(Relay.class);
    private static final int CHUNK_BYTES = 64 * 1024;

    private final Socket plain;
    private final MigratorySocket mtcp;
    private final CountDownLatch done = new CountDownLatch(2);
    private volatile boolean reset;

    Relay(Socket plain, MigratorySocket mtcp) {
        this.plain = plain;
        this.mtcp = mtcp;
    }

    MigratorySocket socket() {
        return mtcp;
    }

    /** Starts both directions; {@code onEnd} runs once both are finished and everything is closed. */
    void start(Runnable onEnd) {
        Thread.ofVirtual().name("mtcp-up-" + mtcp.id().hex().substring(0, 8)).start(this::upstream);
        Thread.ofVirtual().name("mtcp-down-" + mtcp.id().hex().substring(0, 8)).start(this::downstream);
        Thread.ofVirtual().start(() -> {
            try {
                done.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            mtcp.close();
            closeQuietly();
            onEnd.run();
        });
    }

    private void upstream() {
        byte[] buf = new byte[CHUNK_BYTES];
        try {
            InputStream in = plain.getInputStream();
            OutputStream out = mtcp.getOutputStream();
            int n;
            while ((n = in.read(buf)) >= 0) {
                if (n > 0) out.write(buf, 0, n);
            }
            mtcp.shutdownOutput();
        } catch (IOException e) {
            resetPlain("upstream", e);
        } finally {
            done.countDown();
        }
    }

    private void downstream() {
        byte[] buf = new byte[CHUNK_BYTES];
        try {
            InputStream in = mtcp.getInputStream();
            OutputStream out = plain.getOutputStream();
            int n;
            while ((n = in.read(buf)) >= 0) {
                if (n > 0) out.write(buf, 0, n);
            }
            plain.shutdownOutput();
        } catch (IOException e) {
            resetPlain("downstream", e);
        } finally {
            done.countDown();
        }
    }

    /**
     * A relay direction failed (the migratory connection gave up, or the plain client went away): the
     * plain client gets a reset. Linux reports a received RST (ECONNRESET) to the first read or write
     * on the app's socket; a call after it sees end of stream (read) or EPIPE (write).
     */
    private void resetPlain(String direction, IOException why) {
        if (reset) return;
        log.info("conn={} resetting the app connection ({} failed: {})", mtcp.id(), direction, why.getMessage());
        resetPlain();
    }

    /** Aborts both sides: the plain client gets RST, the migratory connection is closed. */
    private void resetPlain() {
        reset = true;
        try {
            plain.setSoLinger(true, 0);
        } catch (IOException e) {
            log.debug("conn={} SO_LINGER: {}", mtcp.id(), e.getMessage());
        }
        closeQuietly();
        mtcp.close();
    }

    void abort() {
        resetPlain();
    }

    private void closeQuietly() {
        try {
            plain.close();
        } catch (IOException e) {
            log.debug("conn={} close: {}", mtcp.id(), e.getMessage());
        }
    }
}
