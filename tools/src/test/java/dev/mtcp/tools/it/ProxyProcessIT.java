package dev.mtcp.tools.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 3's multi-process tests: three real {@code mtcp server} processes, a real {@code mtcp proxy},
 * unchanged clients (curl; a plain socket) and {@code mtcp migrate --admin ... all} run 10 times
 * during the transfer. The bytes must be exact.
 */
class ProxyProcessIT {
    private static final double UPSTREAM_BYTES_PER_SECOND = 4 << 20;

    @TempDir
    Path dir;

    @Test
    @Timeout(300)
    void shouldDownload256MiBWithCurlExactlyWhileMigratingAllTenTimes() throws Exception {
        Path root = Files.createDirectories(dir.resolve("www"));
        String expected = TestFiles.writeRandomFile(root.resolve("big.bin"), 256 << 20);
        Path downloaded = dir.resolve("downloaded.bin");
        try (MtcpCluster cluster = new MtcpCluster(dir, "--app", "http", "--root", root.toString())) {
            // --limit-rate keeps the download running (about 32 s) while the 10 `mtcp migrate` processes
            // start one by one, each when the next twelfth of the file has arrived.
            Process curl = new ProcessBuilder("curl", "--silent", "--show-error", "--fail", "--limit-rate", "8M",
                    "--output", downloaded.toString(), "http://127.0.0.1:" + cluster.proxyPort + "/big.bin")
                    .redirectErrorStream(true).start();
            try {
                cluster.awaitConnections(1);
                for (int i = 0; i < 10; i++) {
                    awaitFileSize(downloaded, (256L << 20) * (i + 1) / 12, curl);
                    assertThat(curl.isAlive()).as("curl finished before migration %d", i + 1).isTrue();
                    assertThat(cluster.migrateAll()).as("migration %d", i + 1).startsWith("migrated ");
                }
                assertThat(curl.waitFor(200, TimeUnit.SECONDS)).as("curl still running").isTrue();
                assertThat(curl.exitValue()).as(new String(curl.getInputStream().readAllBytes())).isZero();
            } finally {
                curl.destroyForcibly();
            }
            assertThat(Files.size(downloaded)).isEqualTo(256L << 20);
            assertThat(TestFiles.sha256(downloaded)).isEqualTo(expected);
            String metrics = cluster.metrics();
            assertThat(migrationsCounted(metrics)).isGreaterThanOrEqualTo(10);
            assertThat(sample(metrics, "mtcp_migration_pause_seconds_count")).isPositive();
            assertThat(sample(metrics, "mtcp_bytes_total{direction=\"down\"}"))
                    .as("the file and the response headers").isBetween(256.0 * (1 << 20), 256.0 * (1 << 20) + 4096);

            cluster.proxy.terminate();
            assertThat(cluster.proxy.awaitExit(Duration.ofSeconds(20))).isEqualTo(143);
        }
    }

    @Test
    @Timeout(240)
    void shouldEcho64MiBBothWaysThroughThePlainSocketWhileMigratingAllTenTimes() throws Exception {
        int total = 64 << 20;
        try (MtcpCluster cluster = new MtcpCluster(dir, "--app", "echo");
             Socket socket = new Socket(InetAddress.getLoopbackAddress(), cluster.proxyPort);
             ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor()) {
            AtomicLong received = new AtomicLong();
            CompletableFuture<String> sent = CompletableFuture.supplyAsync(() -> EchoTraffic.writePaced(socket, total, UPSTREAM_BYTES_PER_SECOND), workers);
            CompletableFuture<String> read = CompletableFuture.supplyAsync(() -> EchoTraffic.readAll(socket, total, received), workers);
            cluster.awaitConnections(1);
            for (int i = 0; i < 10; i++) {
                long threshold = (long) total * (i + 1) / 12;
                awaitProgress(received, threshold, read);
                assertThat(cluster.migrateAll()).as("migration %d", i + 1).startsWith("migrated ");
            }
            assertThat(read.get(120, TimeUnit.SECONDS)).isEqualTo(sent.get(120, TimeUnit.SECONDS));
            assertThat(migrationsCounted(cluster.metrics())).isGreaterThanOrEqualTo(10);
        }
    }

    private static void awaitFileSize(Path file, long bytes, Process writer) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.exists(file) || Files.size(file) < bytes) {
            assertThat(System.nanoTime()).as("%s stuck below %d bytes", file, bytes).isLessThan(deadline);
            if (writer.waitFor(20, TimeUnit.MILLISECONDS)) {
                return;
            }
        }
    }

    @Test
    @Timeout(240)
    void shouldDownloadThroughSocks5FromAConfigFileWhileMigrating() throws Exception {
        Path root = Files.createDirectories(dir.resolve("www"));
        String expected = TestFiles.writeRandomFile(root.resolve("film.bin"), 128 << 20);
        Path downloaded = dir.resolve("film.bin");
        MtcpCluster.ProxyArgs config = (servers, proxyPort, adminPort) -> {
            Path file = Files.writeString(dir.resolve("client.yaml"), """
                    services:
                      - name: video
                        servers:
                          - {id: s1, host: 127.0.0.1, port: %d}
                          - {id: s2, host: 127.0.0.1, port: %d}
                          - {id: s3, host: 127.0.0.1, port: %d}
                    listeners:
                      socks:
                        listen: 127.0.0.1:%d
                    admin: 127.0.0.1:%d
                    """.formatted(servers.get(0), servers.get(1), servers.get(2), proxyPort, adminPort));
            return List.of("proxy", "--config", file.toString());
        };
        try (MtcpCluster cluster = new MtcpCluster(dir, config, "--app", "http", "--root", root.toString())) {
            // The proxy reads ahead of curl by tens of MiB (socket buffers): at 6 MiB/s the migratory
            // connection lives about 10 s, long enough for 5 back-to-back `mtcp migrate` processes.
            Process curl = new ProcessBuilder("curl", "--silent", "--show-error", "--fail", "--limit-rate", "6M",
                    "--socks5-hostname", "127.0.0.1:" + cluster.proxyPort, "--output", downloaded.toString(),
                    "http://video/film.bin").redirectErrorStream(true).start();
            try {
                cluster.awaitConnections(1);
                for (int i = 0; i < 5; i++) {
                    assertThat(cluster.migrateAll()).as("migration %d", i + 1).startsWith("migrated ");
                }
                assertThat(curl.waitFor(120, TimeUnit.SECONDS)).as("curl still running").isTrue();
                assertThat(curl.exitValue()).as(new String(curl.getInputStream().readAllBytes())).isZero();
            } finally {
                curl.destroyForcibly();
            }
            assertThat(TestFiles.sha256(downloaded)).isEqualTo(expected);
            assertThat(migrationsCounted(cluster.metrics())).isGreaterThanOrEqualTo(5);
        }
    }

    @Test
    @Timeout(240)
    void shouldSurviveAKilledServerProcessWithRingBackups() throws Exception {
        int total = 32 << 20;
        try (MtcpCluster cluster = new MtcpCluster(dir, "--app", "echo", "--backup", MtcpCluster.NEXT);
             Socket socket = new Socket(InetAddress.getLoopbackAddress(), cluster.proxyPort);
             ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor()) {
            AtomicLong received = new AtomicLong();
            CompletableFuture<String> sent = CompletableFuture.supplyAsync(() -> EchoTraffic.writePaced(socket, total, UPSTREAM_BYTES_PER_SECOND), workers);
            CompletableFuture<String> read = CompletableFuture.supplyAsync(() -> EchoTraffic.readAll(socket, total, received), workers);
            cluster.awaitConnections(1);
            awaitProgress(received, total / 4, read);
            String victim = cluster.connections().get(0).get("server").asText();
            cluster.server(victim).signal("KILL");

            assertThat(read.get(120, TimeUnit.SECONDS)).isEqualTo(sent.get(120, TimeUnit.SECONDS));
            double migrations = cluster.metrics().lines().filter(l -> l.startsWith("mtcp_migrations_total{"))
                    .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
            assertThat(migrations).as("the connection left the killed server %s", victim).isGreaterThanOrEqualTo(1);
        }
    }

    private static double sample(String metrics, String name) {
        return metrics.lines().filter(l -> l.startsWith(name + " "))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).findFirst()
                .orElseThrow(() -> new AssertionError("no sample " + name + " in\n" + metrics));
    }

    private static double migrationsCounted(String metrics) {
        return metrics.lines().filter(l -> l.startsWith("mtcp_migrations_total{reason=\"operator\"} "))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    private static void awaitProgress(AtomicLong received, long threshold, CompletableFuture<String> read)
            throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (received.get() < threshold) {
            if (read.isDone()) {
                read.get();
                throw new AssertionError("the stream ended after " + received.get() + " bytes, before " + threshold);
            }
            assertThat(System.nanoTime()).as("downstream stuck at %d bytes", received.get()).isLessThan(deadline);
            try {
                read.get(5, TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.TimeoutException stillReading) {
                // still reading: look at the progress again
            }
        }
    }


}
