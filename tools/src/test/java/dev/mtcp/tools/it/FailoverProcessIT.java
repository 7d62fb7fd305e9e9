package dev.mtcp.tools.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mtcp.server.apps.StreamSequence;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 4's multi-process tests: three real {@code mtcp server} processes, each the others' peer and
 * backup (ack-on-replicate), a real {@code mtcp proxy} and unchanged clients (curl; a plain socket).
 * The server serving the connection is SIGKILLed (or SIGSTOPped) at a random moment mid-transfer;
 * the bytes must be exact. When every server is gone the client app's connection is reset in bounded time.
 */
class FailoverProcessIT {
    private static final Duration WAIT = Duration.ofSeconds(60);

    private final long seed = System.nanoTime();
    private final Random random = new Random(seed);

    @TempDir
    Path dir;

    @Test
    @Timeout(180)
    void shouldDownload256MiBWithCurlExactlyWhenTheServingServerIsKilled() throws Exception {
        long size = 256L << 20;
        Path root = Files.createDirectories(dir.resolve("www"));
        String expected = TestFiles.writeRandomFile(root.resolve("big.bin"), size);
        Path downloaded = dir.resolve("downloaded.bin");
        try (MtcpCluster cluster = MtcpCluster.withBackups(dir, "--app", "http", "--root", root.toString())) {
            Process curl = new ProcessBuilder("curl", "--silent", "--show-error", "--fail", "--limit-rate", "16M",
                    "--output", downloaded.toString(), "http://127.0.0.1:" + cluster.proxyPort + "/big.bin")
                    .redirectErrorStream(true).start();
            try {
                cluster.awaitConnections(1);
                long killAt = randomPoint(size);
                awaitProgress(() -> fileSize(downloaded), killAt, curl::isAlive, "the download");
                assertThat(curl.isAlive()).as("curl finished before the kill (seed %d)", seed).isTrue();
                String victim = killServing(cluster);
                awaitServerOtherThan(cluster, victim);
                assertThat(curl.waitFor(120, TimeUnit.SECONDS)).as("curl still running").isTrue();
                assertThat(curl.exitValue()).as(new String(curl.getInputStream().readAllBytes())).isZero();
            } finally {
                curl.destroyForcibly();
            }
            assertThat(Files.size(downloaded)).isEqualTo(size);
            assertThat(TestFiles.sha256(downloaded)).as("seed %d", seed).isEqualTo(expected);
        }
    }

    @Test
    @Timeout(180)
    void shouldEcho64MiBBothWaysExactlyWhenTheServingServerIsKilled() throws Exception {
        int total = 64 << 20;
        try (MtcpCluster cluster = MtcpCluster.withBackups(dir, "--app", "echo");
             ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
             Socket socket = new Socket(InetAddress.getLoopbackAddress(), cluster.proxyPort)) {
            AtomicLong received = new AtomicLong();
            CompletableFuture<String> sent = CompletableFuture.supplyAsync(() -> EchoTraffic.writePaced(socket, total, 6 << 20), workers);
            CompletableFuture<String> read = CompletableFuture.supplyAsync(() -> EchoTraffic.readAll(socket, total, received), workers);
            cluster.awaitConnections(1);
            awaitProgress(received::get, randomPoint(total), () -> !read.isDone(), "the echo");
            String victim = killServing(cluster);
            awaitServerOtherThan(cluster, victim);
            assertThat(read.get(120, TimeUnit.SECONDS)).as("seed %d", seed).isEqualTo(sent.get(120, TimeUnit.SECONDS));
        }
    }

    @Test
    @Timeout(180)
    void shouldStream64MiBExactlyWhenTheServingServerIsKilled() throws Exception {
        long length = 64L << 20;
        try (MtcpCluster cluster = MtcpCluster.withBackups(dir, "--app", "stream");
             ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
             Socket socket = new Socket(InetAddress.getLoopbackAddress(), cluster.proxyPort)) {
            AtomicLong received = new AtomicLong();
            CompletableFuture<Long> read = requestStream(socket, length, received, workers);
            cluster.awaitConnections(1);
            awaitProgress(received::get, randomPoint(length), () -> !read.isDone(), "the stream");
            String victim = killServing(cluster);
            awaitServerOtherThan(cluster, victim);
            assertThat(finish(read, received, cluster)).as("seed %d", seed).isEqualTo(length);
        }
    }

    /**
     * The old origin is SIGSTOPped while its connection is idle (nothing to replicate), stays stopped well
     * past the new owner's first COMMIT attempts (the connection fails over meanwhile), and is resumed: it
     * must log that it was fenced, and the client keeps getting every echoed byte exactly once, in order,
     * from the new server. Echo traffic, so the client decides when the connection is idle.
     */
    @Test
    @Timeout(180)
    void shouldFenceTheOldOriginWhenItIsResumedAfterTheConnectionFailedOver() throws Exception {
        int part = 4 << 20;
        try (MtcpCluster cluster = MtcpCluster.withBackups(dir, "--app", "echo");
             ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
             Socket socket = new Socket(InetAddress.getLoopbackAddress(), cluster.proxyPort)) {   // closed first: ends the reader
            AtomicLong received = new AtomicLong();
            CompletableFuture<String> read = CompletableFuture.supplyAsync(() -> EchoTraffic.readAll(socket, 3 * part, received), workers);
            EchoTraffic.Writer writer = new EchoTraffic.Writer(socket);
            cluster.awaitConnections(1);
            writer.write(part);
            awaitProgress(received::get, part, () -> !read.isDone(), "the echo");
            String origin = serving(cluster);
            MtcpProcess paused = cluster.server(origin);
            long stoppedAt = System.nanoTime();
            paused.signal("STOP");
            try {
                // an idle carrier: the proxy's PINGs go unanswered for dead_after (3 s) and it fails over
                awaitServerOtherThan(cluster, origin);
                writer.write(part);
                awaitProgress(received::get, 2L * part, () -> !read.isDone(), "the failed-over echo");
                // the scenario: stopped for 20 s, longer than the new owner used to retry its COMMIT
                LockSupport.parkNanos(stoppedAt + TimeUnit.SECONDS.toNanos(20) - System.nanoTime());
            } finally {
                paused.signal("CONT");
            }
            paused.awaitLine(Pattern.compile("conn=\\S+ fenced: the connection moved on at epoch \\d+"), WAIT);
            assertThat(serving(cluster)).as("the connection stays with its new server").isNotEqualTo(origin);
            writer.write(part);
            socket.shutdownOutput();
            assertThat(finish(read, received, cluster)).as("the echo of every byte written").isEqualTo(writer.sha256());
        }
    }

    @Test
    @Timeout(180)
    void shouldResetTheClientConnectionWithinTheGiveUpTimeWhenEveryServerIsKilled() throws Exception {
        try (MtcpCluster cluster = MtcpCluster.withBackups(dir, "--app", "echo");
             ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
             Socket socket = new Socket(InetAddress.getLoopbackAddress(), cluster.proxyPort)) {   // closed first: ends the reader
            AtomicLong received = new AtomicLong();
            AtomicBoolean stopWriting = new AtomicBoolean();
            CompletableFuture<Long> writer = CompletableFuture.supplyAsync(() -> writeUntil(socket, stopWriting), workers);
            CompletableFuture<Void> reader = CompletableFuture.runAsync(() -> verifyEchoUntilFailure(socket, received), workers);
            cluster.awaitConnections(1);
            awaitProgress(received::get, 4 << 20, () -> !reader.isDone(), "the echo");
            // Linux reports a received RST (ECONNRESET) to the first call on the socket only (a read after it sees
            // end of stream, a write EPIPE): the writer stops first, so the reader is the call that must see it.
            stopWriting.set(true);
            long sent = writer.get(30, TimeUnit.SECONDS);
            long killed = System.nanoTime();
            for (String id : new String[] {"s1", "s2", "s3"}) {
                cluster.server(id).signal("KILL");
            }
            Throwable failure;
            try {
                reader.get(15, TimeUnit.SECONDS);
                throw new AssertionError("the echo ended normally after " + received.get() + " of " + sent
                        + " bytes, not by a reset; proxy:\n" + cluster.proxy.output());
            } catch (TimeoutException hang) {
                throw new AssertionError("the client connection hangs 15 s after every server was killed; proxy:\n"
                        + cluster.proxy.output(), hang);
            } catch (ExecutionException e) {
                failure = e.getCause() instanceof java.io.UncheckedIOException io ? io.getCause() : e.getCause();
            }
            Duration toReset = Duration.ofNanos(System.nanoTime() - killed);
            assertThat(failure).as("the reader's failure after %d of %d bytes", received.get(), sent)
                    .isInstanceOf(SocketException.class).hasMessageContaining("Connection reset");
            assertThat(toReset).isLessThan(Duration.ofSeconds(15));
            assertThat(cluster.metrics()).containsPattern("(?m)^mtcp_connections_given_up_total(\\{[^}]*})? 1\\.0$");
            cluster.proxy.awaitLine(Pattern.compile("conn=\\S+ gave up: no server could take the connection over within "
                    + "10000 ms"), WAIT);
            cluster.proxy.awaitLine(Pattern.compile("conn=\\S+ resetting the app connection"), WAIT);
        }
    }

    /** The result of {@code read}, within 90 s; on failure the bytes received and the processes' output say why. */
    private static <T> T finish(CompletableFuture<T> read, AtomicLong received, MtcpCluster cluster) throws Exception {
        try {
            return read.get(90, TimeUnit.SECONDS);
        } catch (TimeoutException | ExecutionException e) {
            StringBuilder why = new StringBuilder("the transfer did not finish after " + received.get() + " bytes: " + e
                    + "\nproxy:\n" + cluster.proxy.output());
            for (String id : new String[] {"s1", "s2", "s3"}) {
                why.append("\n").append(id).append(":\n").append(cluster.server(id).output());
            }
            throw new AssertionError(why.toString(), e);
        }
    }

    // ---- the servers, seen through the proxy ------------------------------------------------------

    /** A random point between 15 % and 60 % of the transfer. */
    private long randomPoint(long total) {
        return total * 15 / 100 + (long) (random.nextDouble() * total * 45 / 100);
    }

    /** The id of the server holding the proxy's only connection. */
    private static String serving(MtcpCluster cluster) throws Exception {
        try (HttpClient http = HttpClient.newHttpClient()) {
            String body = http.send(HttpRequest.newBuilder(URI.create("http://" + cluster.admin() + "/connections"))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString()).body();
            var connections = ServerProcessIT.json(body);
            assertThat(connections.size()).as("connections %s", body).isEqualTo(1);
            return connections.get(0).get("server").asText();
        }
    }

    private static String killServing(MtcpCluster cluster) throws Exception {
        String victim = serving(cluster);
        cluster.server(victim).signal("KILL");
        return victim;
    }

    private static void awaitServerOtherThan(MtcpCluster cluster, String old) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (serving(cluster).equals(old)) {
            assertThat(System.nanoTime()).as("the connection still on %s", old).isLessThan(deadline);
            cluster.proxy.awaitExitOrWait(Duration.ofMillis(20));
        }
    }

    private static void awaitProgress(LongSupplier progress, long threshold, java.util.function.BooleanSupplier running,
                                      String what) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (progress.getAsLong() < threshold && running.getAsBoolean()) {
            assertThat(System.nanoTime()).as("%s stuck at %d bytes", what, progress.getAsLong()).isLessThan(deadline);
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
        assertThat(progress.getAsLong()).as("%s ended before %d bytes", what, threshold).isGreaterThanOrEqualTo(threshold);
    }

    private static long fileSize(Path file) {
        try {
            return Files.exists(file) ? Files.size(file) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    // ---- clients ----------------------------------------------------------------------------------

    /**
     * Sends {@code STREAM length seed} and half-closes (no further request), then reads to the end of
     * the stream, verifying every byte against {@link StreamSequence}, paced at 8 MiB/s; returns the
     * byte count. The stream app keeps a connection open for the next request after a reply, so only
     * the half-close makes it end its output (FIN) once the reply is complete: a reader waiting for
     * the end of stream without it waits for ever after the last byte.
     */
    private CompletableFuture<Long> requestStream(Socket socket, long length, AtomicLong received, ExecutorService workers)
            throws IOException {
        long streamSeed = random.nextLong(1, Long.MAX_VALUE);
        socket.getOutputStream().write(("STREAM " + length + " " + streamSeed + "\n").getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        socket.shutdownOutput();
        return CompletableFuture.supplyAsync(() -> {
            try {
                InputStream in = socket.getInputStream();
                byte[] buf = new byte[64 << 10];
                byte[] expected = new byte[buf.length];
                long start = System.nanoTime();
                for (int n; (n = in.read(buf)) >= 0; ) {
                    long at = received.get();
                    StreamSequence.fill(streamSeed, at, expected, 0, n);
                    if (!Arrays.equals(buf, 0, n, expected, 0, n)) {
                        throw new AssertionError("wrong stream bytes in [" + at + ", " + (at + n) + ")");
                    }
                    received.addAndGet(n);
                    EchoTraffic.pace(start, received.get(), 8 << 20);
                }
                return received.get();
            } catch (IOException e) {
                throw new IllegalStateException("the stream failed after " + received.get() + " bytes", e);
            }
        }, workers);
    }

    /** Writes the sequence of {@code new Random(11)} bytes, paced at 4 MiB/s, until {@code stop}; returns the bytes written. */
    private static long writeUntil(Socket socket, AtomicBoolean stop) {
        Random random = new Random(11);
        byte[] chunk = new byte[64 << 10];
        long start = System.nanoTime();
        long sent = 0;
        try {
            OutputStream out = socket.getOutputStream();
            while (!stop.get()) {
                random.nextBytes(chunk);
                out.write(chunk);
                sent += chunk.length;
                EchoTraffic.pace(start, sent, 4 << 20);
            }
            return sent;
        } catch (IOException e) {
            throw new IllegalStateException("the echo writer failed after " + sent + " bytes, before the kill", e);
        }
    }

    /** Reads the echo, checking every byte is the writer's, until the socket fails (rethrown) or ends. */
    private static void verifyEchoUntilFailure(Socket socket, AtomicLong received) {
        Random random = new Random(11);
        byte[] expected = new byte[64 << 10];
        int expectedFill = 0;
        int expectedPos = 0;
        byte[] buf = new byte[64 << 10];
        try {
            InputStream in = socket.getInputStream();
            for (int n; (n = in.read(buf)) >= 0; ) {
                for (int i = 0; i < n; i++) {
                    if (expectedPos == expectedFill) {
                        random.nextBytes(expected);
                        expectedFill = expected.length;
                        expectedPos = 0;
                    }
                    if (buf[i] != expected[expectedPos++]) {
                        throw new AssertionError("wrong echoed byte at offset " + (received.get() + i));
                    }
                }
                received.addAndGet(n);
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    // ---- files ------------------------------------------------------------------------------------


}
