package dev.mtcp.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mtcp.server.apps.EchoApp;
import dev.mtcp.server.apps.StreamApp;
import dev.mtcp.server.apps.StreamSequence;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Half-close, carrier breaks, drain hints, give-up, pause events. */
@Timeout(60)
class ConnectionLifecycleTest {

    @Test
    void shouldDeliverEverythingThenEofWhenClientHalfCloses() throws Exception {
        try (TestCluster c = new TestCluster(2, new EchoApp());
             MigratorySocket s = MigratorySocket.connect(c.clientConfig())) {
            byte[] data = pattern(300_000, 5);
            s.getOutputStream().write(data);
            s.shutdownOutput();
            assertThatThrownBy(() -> s.getOutputStream().write(1)).isInstanceOf(IOException.class).hasMessageContaining("shut down");
            s.migrate("s2", "during half-close").get(5, TimeUnit.SECONDS);
            assertThat(s.getInputStream().readAllBytes()).isEqualTo(data);
        }
    }

    @Test
    void shouldMigrateToNextServerWhenCarrierIsReset() throws Exception {
        try (TestCluster c = new TestCluster(3, new StreamApp());
             CuttableRelay relay = new CuttableRelay(c.server("s1").address())) {
            List<ServiceEndpoint> eps = new ArrayList<>(c.endpoints());
            eps.set(0, new ServiceEndpoint("s1", relay.address()));
            List<MigrationEvent> events = new CopyOnWriteArrayList<>();
            MigrationListener l = new MigrationListener() {
                @Override
                public void onMigrated(MigrationEvent e) {
                    events.add(e);
                }
            };
            try (MigratorySocket s = MigratorySocket.connect(c.clientConfig().withServers(eps), List.of(l), List.of())) {
                long length = 6L * 1024 * 1024;
                s.getOutputStream().write(("STREAM " + length + " 99\n").getBytes(StandardCharsets.US_ASCII));
                InputStream in = s.getInputStream();
                byte[] first = in.readNBytes(1024 * 1024);
                relay.cutAll();
                byte[] rest = in.readNBytes((int) length - first.length);
                byte[] expected = new byte[(int) length];
                StreamSequence.fill(99, 0, expected, 0, expected.length);
                assertThat(concat(first, rest)).isEqualTo(expected);
                assertThat(events).hasSize(1);
                assertThat(events.getFirst().toServer()).isEqualTo("s2");
                assertThat(events.getFirst().reason()).startsWith("failover");
                assertThat(s.status().server()).isEqualTo("s2");
            }
        }
    }

    @Test
    void shouldResumeExactlyWhenCarrierIsCutInTheMiddleOfAFrame() throws Exception {
        try (TestCluster c = new TestCluster(2, new StreamApp());
             CuttableRelay relay = new CuttableRelay(c.server("s1").address())) {
            List<ServiceEndpoint> eps = new ArrayList<>(c.endpoints());
            eps.set(0, new ServiceEndpoint("s1", relay.address()));
            try (MigratorySocket s = MigratorySocket.connect(c.clientConfig().withServers(eps))) {
                InputStream in = s.getInputStream();
                int length = 3 * 1024 * 1024;
                // 1 MiB + 3 bytes downstream after the request: inside a DATA frame, whatever the WELCOME size
                relay.cutDownstreamAfter(1024 * 1024 + 3);
                s.getOutputStream().write(("STREAM " + length + " 5\n").getBytes(StandardCharsets.US_ASCII));
                byte[] got = in.readNBytes(length);
                byte[] expected = new byte[length];
                StreamSequence.fill(5, 0, expected, 0, length);
                assertThat(got).isEqualTo(expected);
                assertThat(s.status().server()).isEqualTo("s2");
                assertThat(s.status().migrations()).isEqualTo(1);
            }
        }
    }

    @Test
    void shouldFailStreamsWithClearErrorWhenNoServerCanTakeOver() throws Exception {
        TestCluster c = new TestCluster(2, new EchoApp());
        ClientConfig cfg = c.clientConfig().withTimeouts(Duration.ofSeconds(3), Duration.ofSeconds(1), Duration.ofMillis(800));
        try (MigratorySocket s = MigratorySocket.connect(cfg)) {
            s.getOutputStream().write(new byte[] {1, 2, 3});
            assertThat(s.getInputStream().readNBytes(3)).containsExactly(1, 2, 3);
            c.close();
            long t0 = System.nanoTime();
            assertThatThrownBy(() -> s.getInputStream().read())
                    .isInstanceOf(IOException.class).hasMessageContaining("no server could take the connection over");
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(5));
            assertThat(s.status().state()).isEqualTo("FAILED");
            assertThatThrownBy(() -> s.getOutputStream().write(new byte[10])).isInstanceOf(IOException.class);
        }
    }

    @Test
    void shouldMoveAwayWhenServerDrains() throws Exception {
        try (TestCluster c = new TestCluster(3, new EchoApp())) {
            List<MigratorySocket> sockets = new ArrayList<>();
            for (int i = 0; i < 3; i++) sockets.add(MigratorySocket.connect(c.clientConfig()));
            assertThat(c.server("s1").drain(Optional.of("s3"))).isEqualTo(3);
            for (MigratorySocket s : sockets) {
                byte[] msg = "drained".getBytes(StandardCharsets.US_ASCII);
                waitFor(() -> s.status().server().equals("s3"));
                s.getOutputStream().write(msg);
                assertThat(s.getInputStream().readNBytes(msg.length)).isEqualTo(msg);
                s.close();
            }
            assertThat(c.server("s1").stats().hintsSent()).isEqualTo(3);
        }
    }

    @Test
    void shouldReportPauseWhenDownstreamWasFlowing() throws Exception {
        try (TestCluster c = new TestCluster(2, new StreamApp())) {
            CompletableFuture<MigrationEvent> measured = new CompletableFuture<>();
            MigrationListener l = new MigrationListener() {
                @Override
                public void onPauseMeasured(MigrationEvent e) {
                    measured.complete(e);
                }
            };
            try (MigratorySocket s = MigratorySocket.connect(c.clientConfig(), List.of(l), List.of())) {
                s.getOutputStream().write("STREAM 16000000 1\n".getBytes(StandardCharsets.US_ASCII));
                InputStream in = s.getInputStream();
                in.readNBytes(1_000_000);
                CompletableFuture<MigrationEvent> done = s.migrate("s2", "measure");
                in.readNBytes(15_000_000);
                MigrationEvent e = measured.get(5, TimeUnit.SECONDS);
                assertThat(e.pause()).isPresent();
                assertThat(e.pause().get()).isPositive().isLessThan(Duration.ofSeconds(2));
                assertThat(done.get(1, TimeUnit.SECONDS).handshake()).isPositive();
            }
        }
    }

    @Test
    void shouldGiveUpAMigrateWithoutProgressAndStayOnTheOldCarrierWhenTheDestinationNeverAnswers() throws Exception {
        try (TestCluster c = new TestCluster(1, new EchoApp());
             java.net.ServerSocket silent = new java.net.ServerSocket(0, 10, java.net.InetAddress.getLoopbackAddress())) {
            List<java.net.Socket> held = new CopyOnWriteArrayList<>();
            Thread.ofVirtual().start(() -> {
                try {
                    while (true) held.add(silent.accept());   // accepts, reads nothing, answers nothing
                } catch (IOException e) {
                    // closed at the end of the test
                }
            });
            List<ServiceEndpoint> eps = new ArrayList<>(c.endpoints());
            eps.add(new ServiceEndpoint("s2", new java.net.InetSocketAddress(silent.getInetAddress(), silent.getLocalPort())));
            ClientConfig cfg = c.clientConfig().withServers(eps).withMigrateTimeout(Duration.ofMillis(400));
            try (MigratorySocket s = MigratorySocket.connect(cfg)) {
                long start = System.nanoTime();
                assertThatThrownBy(() -> s.migrate("s2", "test").get(10, TimeUnit.SECONDS))
                        .hasMessageContaining("no WELCOME and no sign of progress for 400 ms");
                assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
                assertThat(s.status().server()).isEqualTo("s1");
                s.getOutputStream().write(9);
                assertThat(s.getInputStream().read()).isEqualTo(9);
            } finally {
                for (java.net.Socket h : held) h.close();
            }
        }
    }

    @Test
    void shouldFailMigrateFutureWhenServerIsUnknown() throws Exception {
        try (TestCluster c = new TestCluster(1, new EchoApp());
             MigratorySocket s = MigratorySocket.connect(c.clientConfig())) {
            assertThatThrownBy(() -> s.migrate("nope", "x").get(5, TimeUnit.SECONDS)).hasMessageContaining("unknown server 'nope'");
            OutputStream out = s.getOutputStream();
            out.write(7);
            assertThat(s.getInputStream().read()).isEqualTo(7);
        }
    }

    @Test
    void shouldFeedObserverWithRttLoadBytesAndCarrier() throws Exception {
        try (TestCluster c = new TestCluster(2, new EchoApp())) {
            List<Duration> rtts = new CopyOnWriteArrayList<>();
            List<Integer> loads = new CopyOnWriteArrayList<>();
            List<String> carriers = new CopyOnWriteArrayList<>();
            java.util.concurrent.atomic.AtomicLongArray bytes = new java.util.concurrent.atomic.AtomicLongArray(2);
            ConnectionObserver o = new ConnectionObserver() {
                @Override public void onRttSample(Duration rtt) { rtts.add(rtt); }
                @Override public void onServerLoad(int permille) { loads.add(permille); }
                @Override public void onCarrier(String serverId, java.nio.channels.SocketChannel ch) {
                    carriers.add(serverId + (ch.isOpen() ? "" : " closed"));
                }
                @Override public void onDownstreamBytes(long n) { bytes.addAndGet(0, n); }
                @Override public void onUpstreamBytes(long n) { bytes.addAndGet(1, n); }
            };
            ClientConfig cfg = c.clientConfig().withTimeouts(Duration.ofSeconds(3), Duration.ofMillis(20), Duration.ofSeconds(10));
            try (MigratorySocket s = MigratorySocket.connect(cfg, List.of(), List.of(o))) {
                s.getOutputStream().write(new byte[1000]);
                s.getInputStream().readNBytes(1000);
                waitFor(() -> rtts.size() >= 2);
                s.migrate("s2", "observe").get(5, TimeUnit.SECONDS);
                waitFor(() -> carriers.size() == 2);
                assertThat(carriers).containsExactly("s1", "s2");
                assertThat(loads).isNotEmpty().allSatisfy(l -> assertThat(l).isBetween(0, 1000));
                assertThat(rtts).allSatisfy(r -> assertThat(r).isPositive().isLessThan(Duration.ofSeconds(1)));
                waitFor(() -> bytes.get(0) == 1000 && bytes.get(1) == 1000);
            }
        }
    }

    @Test
    void shouldLetAppReadEverythingThenEofWhenClientClosesAfterWriting() throws Exception {
        java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
        CompletableFuture<byte[]> appGot = new CompletableFuture<>();
        dev.mtcp.server.MigratoryApp slowReader = conn -> {
            go.await();
            appGot.complete(conn.input().readAllBytes());
        };
        try (TestCluster c = new TestCluster(1, slowReader)) {
            byte[] data = pattern(1_000_000, 9);
            MigratorySocket s = MigratorySocket.connect(c.clientConfig());
            s.getOutputStream().write(data);
            s.close();
            var server = c.server("s1");
            waitFor(() -> server.connections().stream().noneMatch(x -> x.attached()));
            assertThat(server.connections()).hasSize(1);
            go.countDown();
            assertThat(appGot.get(10, TimeUnit.SECONDS)).isEqualTo(data);
            waitFor(() -> server.connections().isEmpty());
            assertThat(s.status().state()).isEqualTo("CLOSED");
        }
    }

    static void waitFor(java.util.function.BooleanSupplier cond) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!cond.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("condition not met within 10 s");
            Thread.onSpinWait();
            Thread.yield();
        }
    }

    static byte[] pattern(int n, long seed) {
        byte[] b = new byte[n];
        StreamSequence.fill(seed, 0, b, 0, n);
        return b;
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
