package dev.mtcp.client.socks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.mtcp.client.ConnectionObserver;
import dev.mtcp.client.MigrationEvent;
import dev.mtcp.client.MigrationListener;
import dev.mtcp.client.config.ServiceDirectory;
import dev.mtcp.client.relay.MigratoryConnector;
import dev.mtcp.client.relay.TcpConnector;
import dev.mtcp.client.testing.CurlRunner;
import dev.mtcp.client.testing.RecordingProxyListener;
import dev.mtcp.client.testing.ServerGroup;
import dev.mtcp.client.testing.Streams;
import dev.mtcp.server.apps.HttpApp;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 6: the real curl through SOCKS5 ({@code curl --socks5-hostname ... http://video/big.bin}) to three
 * real migratory servers running the http app; the connection migrates five times during a 100 MiB
 * download (triggered as the bytes pass 1/6, 2/6, ... of the file) and the file is byte-exact.
 */
@Timeout(180)
class Socks5CurlMigrationTest {

    private static final long LENGTH = 100L * 1024 * 1024;
    private static final List<String> TARGETS = List.of("s2", "s3", "s1", "s2", "s3");

    @TempDir
    Path tmp;

    /** Counts a connection's downstream bytes and requests the next migration at each sixth of the file. */
    private static final class MigrateAtThresholds implements ConnectionObserver {
        final AtomicLong received = new AtomicLong();
        final CompletableFuture<MigratoryConnector> connector;
        final ConcurrentLinkedQueue<CompletableFuture<MigrationEvent>> requested;
        final CountDownLatch issued;
        int next = 1;

        MigrateAtThresholds(CompletableFuture<MigratoryConnector> connector,
                            ConcurrentLinkedQueue<CompletableFuture<MigrationEvent>> requested, CountDownLatch issued) {
            this.connector = connector;
            this.requested = requested;
            this.issued = issued;
        }

        @Override
        public void onDownstreamBytes(long n) {
            long total = received.addAndGet(n);
            while (next <= TARGETS.size() && total >= next * LENGTH / (TARGETS.size() + 1)) {
                String target = TARGETS.get(next - 1);
                String reason = "test #" + next;
                next++;
                // the observer runs on the connection's thread and must not block: ask from another thread
                Thread.ofVirtual().start(() -> {
                    requested.addAll(connector.join().migrate("all", Optional.of(target), reason));
                    issued.countDown();
                });
            }
        }
    }

    @Test
    void shouldDownloadExactFileWhenCurlUsesSocksAndConnectionMigratesFiveTimes() throws Exception {
        assumeTrue(CurlRunner.curlAvailable(), "curl is not installed (apt-get install curl): test skipped");
        Path root = Files.createDirectories(tmp.resolve("www"));
        String sha;
        try (OutputStream out = Files.newOutputStream(root.resolve("big.bin"))) {
            sha = Streams.writeRandom(out, LENGTH, 6);
        }
        ConcurrentLinkedQueue<MigrationEvent> migrations = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<CompletableFuture<MigrationEvent>> requested = new ConcurrentLinkedQueue<>();
        CompletableFuture<MigratoryConnector> self = new CompletableFuture<>();
        CountDownLatch issued = new CountDownLatch(TARGETS.size());
        MigratoryConnector connector = new MigratoryConnector(UnaryOperator.identity(),
                List.of(new MigrationListener() {
                    @Override
                    public void onMigrated(MigrationEvent e) {
                        migrations.add(e);
                    }
                }),
                service -> List.of(new MigrateAtThresholds(self, requested, issued)));
        self.complete(connector);
        RecordingProxyListener events = new RecordingProxyListener();
        try (ServerGroup group = new ServerGroup(3, new HttpApp(root));
             Socks5Server socks = Socks5Server.start(
                     new Socks5Settings(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), List.of(), false,
                             Duration.ofSeconds(10), 16),
                     new ServiceDirectory(List.of(group.service("video"))), connector,
                     new TcpConnector(Duration.ofSeconds(5)), events)) {
            Path out = tmp.resolve("download");
            CurlRunner.Result r = CurlRunner.run(List.of("curl", "-sS", "--max-time", "120",
                    "--socks5-hostname", "127.0.0.1:" + socks.address().getPort(), "-o", out.toString(),
                    "http://video/big.bin"), Duration.ofSeconds(150));
            assertThat(r.exitCode()).as(r.stderr()).isZero();
            assertThat(Files.size(out)).isEqualTo(LENGTH);
            try (InputStream in = Files.newInputStream(out)) {
                assertThat(Streams.readAll(in, new long[1])).isEqualTo(sha);
            }
            assertThat(issued.await(30, TimeUnit.SECONDS)).as("all five migrations requested").isTrue();
            assertThat(requested).hasSize(TARGETS.size());
            for (CompletableFuture<MigrationEvent> f : requested) {
                f.get(30, TimeUnit.SECONDS);
            }
            assertThat(migrations).extracting(MigrationEvent::toServer).containsExactlyElementsOf(TARGETS);
            assertThat(events.awaitRelaying(Duration.ofSeconds(10)).destination()).isEqualTo("video:80");
        }
    }
}
