package dev.mtcp.harness.workload;

import dev.mtcp.harness.scenario.App;
import dev.mtcp.server.apps.StreamSequence;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One plain TCP client connection of the built-in workload (through the proxy, so the proxy holds
 * the migratory connection). {@code stream}: asks for {@code bytes} of the stream app's sequence
 * for its seed and verifies each byte. {@code echo}: sends {@code bytes} of the sequence, spread
 * evenly over {@code spreadMillis} (an interactive session, not a bulk copy), and verifies the echo.
 * Either way it then half-closes and expects the server's end of stream with nothing extra.
 */
final class WorkloadConnection {
    private static final int CHUNK_BYTES = 16 * 1024;
    private final int index;
    private final App app;
    private final long bytes;
    private final long seed;
    private final long spreadMillis;
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong sent = new AtomicLong();
    private final PauseMeter pauses = new PauseMeter();
    private final java.util.concurrent.CountDownLatch firstByteOrEnd = new java.util.concurrent.CountDownLatch(1);

    private final java.util.concurrent.CountDownLatch go;

    /** @param go released when every connection of the workload is up; echo paces its bytes from then on */
    WorkloadConnection(int index, App app, long bytes, long seed, long spreadMillis,
            java.util.concurrent.CountDownLatch go) {
        if (app == App.HTTP) {
            throw new IllegalArgumentException("the built-in client speaks echo and stream; use curl for http");
        }
        this.index = index;
        this.app = app;
        this.bytes = bytes;
        this.seed = seed;
        this.spreadMillis = spreadMillis;
        this.go = go;
    }

    /** Released when the first byte arrives (the connection is up end to end) or the exchange ended without one. */
    java.util.concurrent.CountDownLatch firstByteOrEnd() {
        return firstByteOrEnd;
    }

    /** Verified bytes received so far. */
    long received() {
        return received.get();
    }

    long maxPauseMillis() {
        return pauses.maxPauseMillis(System.nanoTime());
    }

    /** Opens the connection and sends the request (stream) or starts sending (echo). */
    Socket open(InetSocketAddress target, int connectTimeoutMillis) throws IOException {
        Socket socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.connect(target, connectTimeoutMillis);
        return socket;
    }

    /** Runs the exchange on an open socket until the end of stream or {@code deadlineNanos}. */
    ConnectionOutcome run(Socket socket, long deadlineNanos) {
        StreamVerifier verifier = new StreamVerifier(seed, bytes);
        CompletableFuture<Void> sending = CompletableFuture.completedFuture(null);
        String error = null;
        try (socket) {
            OutputStream out = socket.getOutputStream();
            if (app == App.STREAM) {
                sent.set(bytes);
                pauses.due(System.nanoTime());
                out.write(("STREAM " + bytes + " " + seed + "\n").getBytes(StandardCharsets.US_ASCII));
                out.flush();
            } else {
                sending = CompletableFuture.runAsync(() -> sendEcho(socket, deadlineNanos),
                        r -> Thread.ofVirtual().name("echo-send-" + index).start(r));
            }
            readAll(socket, verifier, deadlineNanos, app == App.STREAM);
            sending.join();
        } catch (IOException | RuntimeException e) {
            error = describe(e);
        }
        firstByteOrEnd.countDown();
        long maxPauseMillis = pauses.maxPauseMillis(System.nanoTime());
        pauses.stop();
        Optional<String> problem = verifier.problem();
        if (problem.isPresent() && error != null) {
            error = problem.get() + " (" + error + ")";
        } else if (problem.isPresent()) {
            error = problem.get();
        }
        return new ConnectionOutcome(index, error == null, verifier.position(), verifier.sha256Hex(),
                maxPauseMillis, Optional.ofNullable(error));
    }

    private void readAll(Socket socket, StreamVerifier verifier, long deadlineNanos, boolean halfCloseWhenComplete)
            throws IOException {
        InputStream in = socket.getInputStream();
        byte[] buf = new byte[CHUNK_BYTES];
        boolean halfClosed = false;
        while (true) {
            long leftMillis = (deadlineNanos - System.nanoTime()) / 1_000_000;
            if (leftMillis <= 0) {
                throw new SocketTimeoutException("the run's time was up after " + verifier.position() + " bytes");
            }
            socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, leftMillis));
            int n = in.read(buf);
            if (n < 0) {
                return;
            }
            verifier.accept(buf, 0, n);
            received.set(verifier.position());
            firstByteOrEnd.countDown();
            pauses.delivered(System.nanoTime(), verifier.position() < sent.get());
            if (verifier.complete()) {
                if (halfCloseWhenComplete && !halfClosed) {
                    socket.shutdownOutput(); // no further request: the server ends its output
                    halfClosed = true;
                }
            }
        }
    }

    private void sendEcho(Socket socket, long deadlineNanos) {
        try {
            OutputStream out = socket.getOutputStream();
            byte[] chunk = new byte[CHUNK_BYTES];
            long startNanos = System.nanoTime();
            long sent = 0;
            while (sent < bytes) {
                int n = (int) Math.min(chunk.length, bytes - sent);
                StreamSequence.fill(seed, sent, chunk, 0, n);
                this.sent.addAndGet(n);
                pauses.due(System.nanoTime());
                out.write(chunk, 0, n);
                sent += n;
                if (sent == n) { // the first chunk brings the connection up; the rest is paced from the common start
                    go.await(Math.max(1, (deadlineNanos - System.nanoTime()) / 1_000_000),
                            java.util.concurrent.TimeUnit.MILLISECONDS);
                    startNanos = System.nanoTime() - (long) (spreadMillis * 1e6 * n / bytes);
                }
                awaitSchedule(startNanos, sent, deadlineNanos);
            }
            out.flush();
            socket.shutdownOutput();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while sending", e);
        }
    }

    /** Paces the echo sender: byte {@code sent} is due at {@code start + spread * sent / bytes}. */
    private void awaitSchedule(long startNanos, long sent, long deadlineNanos) throws InterruptedException {
        if (spreadMillis <= 0) {
            return;
        }
        long dueNanos = startNanos + (long) (spreadMillis * 1e6 * sent / bytes);
        long wait = Math.min(dueNanos, deadlineNanos) - System.nanoTime();
        if (wait > 0) {
            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000)); // pacing to a schedule, not waiting for a condition
        }
    }

    private static String describe(Throwable e) {
        Throwable t = e instanceof java.io.UncheckedIOException || e instanceof java.util.concurrent.CompletionException
                ? e.getCause() : e;
        return t.getClass().getSimpleName() + ": " + t.getMessage();
    }
}
