package dev.mtcp.tools.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mtcp.client.ClientConfig;
import dev.mtcp.client.MigrationEvent;
import dev.mtcp.client.MigrationListener;
import dev.mtcp.client.MigratorySocket;
import dev.mtcp.client.ServiceEndpoint;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three real {@code mtcp server --app echo} processes; a client (the client-stack library) pushes
 * 64 MiB both ways while the connection moves between the processes 10 times: by
 * {@code mtcp drain} (a real CLI process against the server's admin API) and by the client itself.
 * Both directions' SHA-256 must match; then a server stops cleanly on SIGTERM.
 */
@Timeout(180)
class ServerProcessIT {
    private static final Duration START = Duration.ofSeconds(30);
    private static final int TOTAL_BYTES = 64 << 20;
    private static final int CHUNK = 64 << 10;
    private static final Pattern LISTENING = Pattern.compile("mtcp server (\\S+) listening on (\\S+) .*admin (\\S+)\\)");

    @TempDir
    Path dir;

    @Test
    void shouldKeepAnEchoStreamExactAcrossTenMigrationsBetweenServerProcesses() throws Exception {
        Path key = dir.resolve("group.key");
        assertThat(MtcpProcess.run(START, "keygen", "--out", key.toString()).exitCode()).isZero();
        List<Integer> ports = FreePorts.take(6);
        List<String> ids = List.of("s1", "s2", "s3");
        List<MtcpProcess> servers = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                List<String> args = new ArrayList<>(List.of("server", "--id", ids.get(i), "--listen",
                        "127.0.0.1:" + ports.get(i), "--group-key", key.toString(), "--app", "echo",
                        "--admin", "127.0.0.1:" + ports.get(3 + i)));
                for (int j = 0; j < 3; j++) {
                    if (j != i) {
                        args.addAll(List.of("--peer", ids.get(j) + "=127.0.0.1:" + ports.get(j)));
                    }
                }
                servers.add(MtcpProcess.start(ids.get(i), args.toArray(String[]::new)));
            }
            for (MtcpProcess server : servers) {
                server.awaitLine(LISTENING, START);
            }
            List<ServiceEndpoint> endpoints = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                endpoints.add(new ServiceEndpoint(ids.get(i), new InetSocketAddress("127.0.0.1", ports.get(i))));
            }
            try (MigratorySocket socket = MigratorySocket.connect(ClientConfig.of("echo", endpoints))) {
                pushBothWaysWhileMigrating(socket, ids, ports.subList(3, 6));
            }
            assertThat(metric(ports.get(3 + 1), "mtcp_migrations_total{reason=\"in\"}")
                    + metric(ports.get(3 + 2), "mtcp_migrations_total{reason=\"in\"}")).isPositive();

            assertThat(metricsText(ports.get(3))).contains("mtcp_rejected_total{code=\"BAD_SIGNATURE\"} 0.0");

            MtcpProcess s3 = servers.get(2);
            s3.terminate();
            assertThat(s3.awaitExit(Duration.ofSeconds(20))).isEqualTo(143);
            assertThat(s3.output()).doesNotContain("Exception");
        } finally {
            for (MtcpProcess server : servers) {
                server.close();
            }
        }
    }

    /**
     * The reader drains downstream all the time (like curl); this thread triggers the migrations at
     * byte thresholds of the downstream progress and waits for each to complete.
     */
    private static void pushBothWaysWhileMigrating(MigratorySocket socket, List<String> ids, List<Integer> adminPorts)
            throws Exception {
        Semaphore migrated = new Semaphore(0);
        socket.addListener(new MigrationListener() {
            @Override
            public void onMigrated(MigrationEvent e) {
                migrated.release();
            }
        });
        AtomicLong received = new AtomicLong();
        try (ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor()) {
            CompletableFuture<byte[]> sent = CompletableFuture.supplyAsync(() -> write(socket), workers);
            CompletableFuture<byte[]> read = CompletableFuture.supplyAsync(() -> read(socket, received), workers);
            for (int step = 0; step < 10; step++) {
                long threshold = (4L << 20) + step * (6L << 20);
                awaitProgress(received, threshold, read);
                migrate(socket, ids, adminPorts, step, migrated);
            }
            assertThat(HexFormat.of().formatHex(read.get(60, TimeUnit.SECONDS)))
                    .isEqualTo(HexFormat.of().formatHex(sent.get(60, TimeUnit.SECONDS)));
        }
        assertThat(socket.status().migrations()).isGreaterThanOrEqualTo(10);
    }

    private static void awaitProgress(AtomicLong received, long threshold, CompletableFuture<byte[]> read)
            throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (received.get() < threshold) {
            if (read.isDone()) {
                read.get();
                throw new AssertionError("the stream ended after " + received.get() + " bytes, before " + threshold);
            }
            assertThat(System.nanoTime()).as("downstream stuck at %d bytes", received.get()).isLessThan(deadline);
            try {
                read.get(5, TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.TimeoutException stillReading) {
                // the reader is still going: check the progress again
            }
        }
    }

    private static byte[] read(MigratorySocket socket, AtomicLong received) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            InputStream in = socket.getInputStream();
            byte[] buf = new byte[CHUNK];
            while (received.get() < TOTAL_BYTES) {
                int n = in.read(buf, 0, (int) Math.min(buf.length, TOTAL_BYTES - received.get()));
                if (n < 0) {
                    throw new IllegalStateException("EOF after " + received.get() + " bytes");
                }
                digest.update(buf, 0, n);
                received.addAndGet(n);
            }
            return digest.digest();
        } catch (Exception e) {
            throw new IllegalStateException("downstream reader failed after " + received.get() + " bytes", e);
        }
    }

    /** Even steps: `mtcp drain` on the current server (a real process); odd steps: the client moves itself. */
    private static void migrate(MigratorySocket socket, List<String> ids, List<Integer> adminPorts, int step,
                                Semaphore migrated) throws Exception {
        migrated.drainPermits();
        String current = awaitSettled(socket).server();
        if (step % 2 == 0) {
            int admin = adminPorts.get(ids.indexOf(current));
            MtcpProcess.Finished conns = MtcpProcess.run(Duration.ofSeconds(30), "conns", "--admin", "127.0.0.1:" + admin,
                    "--json");
            assertThat(conns.exitCode()).as(conns.err()).isZero();
            assertThat(json(conns.out()).findValuesAsText("id")).contains(socket.id().hex());
            MtcpProcess.Finished drain = MtcpProcess.run(Duration.ofSeconds(30), "drain", "--admin", "127.0.0.1:" + admin);
            assertThat(drain.exitCode()).as(drain.err()).isZero();
            assertThat(drain.out()).startsWith("hinted 1 connection(s) to move");
        } else {
            String next = ids.get((ids.indexOf(current) + 1) % ids.size());
            socket.migrate(next, "operator").get(10, TimeUnit.SECONDS);
        }
        assertThat(migrated.tryAcquire(15, TimeUnit.SECONDS)).as("migration %d away from %s", step, current).isTrue();
    }

    /** Waits (bounded) until the connection is OPEN on a server, not between carriers. */
    private static dev.mtcp.client.ConnectionStatus awaitSettled(MigratorySocket socket) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (true) {
            dev.mtcp.client.ConnectionStatus status = socket.status();
            if (status.state().equals("OPEN") && !status.server().isEmpty()) {
                return status;
            }
            assertThat(System.nanoTime()).as("connection not settled: %s", status).isLessThan(deadline);
            java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
    }

    private static byte[] write(MigratorySocket socket) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            Random random = new Random(42);
            byte[] chunk = new byte[CHUNK];
            OutputStream out = socket.getOutputStream();
            for (int sent = 0; sent < TOTAL_BYTES; sent += CHUNK) {
                random.nextBytes(chunk);
                digest.update(chunk);
                out.write(chunk);
            }
            out.flush();
            return digest.digest();
        } catch (Exception e) {
            throw new IllegalStateException("upstream writer failed", e);
        }
    }

    private static String metricsText(int adminPort) throws Exception {
        try (HttpClient http = HttpClient.newHttpClient()) {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + adminPort + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        }
    }

    private static double metric(int adminPort, String sample) throws Exception {
        return metricsText(adminPort).lines().filter(l -> l.startsWith(sample + " "))
                .mapToDouble(l -> Double.parseDouble(l.split(" ")[1])).findFirst().orElse(0);
    }

    static JsonNode json(String text) throws Exception {
        return new ObjectMapper().readTree(text);
    }
}
