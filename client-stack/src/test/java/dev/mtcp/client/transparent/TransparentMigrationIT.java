package dev.mtcp.client.transparent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.mtcp.client.ConnectionObserver;
import dev.mtcp.client.MigrationEvent;
import dev.mtcp.client.MigrationListener;
import dev.mtcp.client.config.ServiceDirectory;
import dev.mtcp.client.relay.MigratoryConnector;
import dev.mtcp.client.relay.ProxySession;
import dev.mtcp.client.testing.CurlRunner;
import dev.mtcp.client.testing.RecordingProxyListener;
import dev.mtcp.client.testing.ServerGroup;
import dev.mtcp.client.testing.Streams;
import dev.mtcp.server.MigratoryServer;
import dev.mtcp.server.apps.HttpApp;
import dev.mtcp.server.apps.StreamApp;
import dev.mtcp.server.apps.StreamSequence;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Transparent mode end to end with live migration (root). Three real migratory servers listen on
 * this host's end of a veth pair ({@code 10.231.N.1}); the client and the proxy's listener are in a
 * namespace on the other end, where the REDIRECT rule is installed. The client connects to s1's real
 * address, is redirected to the proxy, which opens a migratory connection from this host (its carriers
 * do not pass the namespace's OUTPUT chain, so the rule needs no owner exemption); the connection
 * moves five times during the download and the client reads one exact stream. The second test does the
 * same with the real curl and the http app.
 */
@Timeout(180)
class TransparentMigrationIT {

    private static final long LENGTH = 32L * 1024 * 1024;
    private static final List<String> TARGETS = List.of("s2", "s3", "s1", "s2", "s3");

    @BeforeAll
    static void prerequisites() {
        String why = NetworkNamespace.unavailableReason();
        assumeTrue(why == null, () -> "SKIPPED transparent-mode migration test: " + why);
    }

    @Test
    void shouldDeliverExactStreamWhenRedirectedConnectionMigratesFiveTimes() throws Exception {
        int net = ThreadLocalRandom.current().nextInt(1, 255);
        String serverIp = "10.231." + net + ".1";
        ConcurrentLinkedQueue<MigrationEvent> migrations = new ConcurrentLinkedQueue<>();
        MigrationListener recorder = new MigrationListener() {
            @Override
            public void onMigrated(MigrationEvent e) {
                migrations.add(e);
            }
        };
        MigratoryConnector connector = new MigratoryConnector(UnaryOperator.identity(), List.of(recorder));
        RecordingProxyListener events = new RecordingProxyListener();
        try (NetworkNamespace ns = NetworkNamespace.create()) {
            ns.addVeth(serverIp + "/24", "10.231." + net + ".2/24");
            try (ServerGroup group = new ServerGroup(3, new StreamApp(), serverIp)) {
                NetworkContext network = new NetworkContext(
                        family -> ns.insideIo(() -> ServerSocketChannel.open(family)), ns.commands());
                TransparentSettings settings = new TransparentSettings(new InetSocketAddress("127.0.0.1", 0), true,
                        OptionalInt.empty(), 16);
                MigratoryServer s1 = group.servers().getFirst();
                try (TransparentProxy proxy = TransparentProxy.start(settings,
                        new ServiceDirectory(List.of(group.service("stream"))), connector, events, network)) {
                    assertThat(proxy.redirectRules().rules()).hasSize(3);
                    try (SocketChannel client = ns.insideIo(() -> SocketChannel.open(StandardProtocolFamily.INET))) {
                        client.connect(new InetSocketAddress(serverIp, s1.address().getPort()));
                        download(client, connector);
                        ProxySession session = events.awaitRelaying(Duration.ofSeconds(10));
                        assertThat(session.destination()).isEqualTo(serverIp + ":" + s1.address().getPort());
                        assertThat(session.service()).contains("stream");
                        assertThat(migrations).extracting(MigrationEvent::toServer).containsExactlyElementsOf(TARGETS);
                    }
                    assertThat(events.awaitClosed(Duration.ofSeconds(20)).session().bytesDown()).isEqualTo(LENGTH);
                }
                assertThat(ns.exec("iptables", "-t", "nat", "-S", "OUTPUT")).doesNotContain("mtcp-proxy-");
            }
        }
    }

    @Test
    void shouldDownloadExactFileWhenCurlConnectsToServerRealAddressAndConnectionMigrates(@TempDir Path tmp)
            throws Exception {
        assumeTrue(CurlRunner.curlAvailable(), "SKIPPED: curl is not installed (apt-get install curl)");
        long length = 64L * 1024 * 1024;
        Path root = Files.createDirectories(tmp.resolve("www"));
        String sha;
        try (OutputStream out = Files.newOutputStream(root.resolve("big.bin"))) {
            sha = Streams.writeRandom(out, length, 9);
        }
        int net = ThreadLocalRandom.current().nextInt(1, 255);
        String serverIp = "10.231." + net + ".1";
        ConcurrentLinkedQueue<MigrationEvent> migrations = new ConcurrentLinkedQueue<>();
        CompletableFuture<MigratoryConnector> self = new CompletableFuture<>();
        CountDownLatch issued = new CountDownLatch(TARGETS.size());
        ConcurrentLinkedQueue<CompletableFuture<MigrationEvent>> requested = new ConcurrentLinkedQueue<>();
        MigratoryConnector connector = new MigratoryConnector(UnaryOperator.identity(), List.of(new MigrationListener() {
            @Override
            public void onMigrated(MigrationEvent e) {
                migrations.add(e);
            }
        }), service -> List.of(new ConnectionObserver() {
            private final AtomicLong received = new AtomicLong();
            private int next = 1;

            @Override
            public void onDownstreamBytes(long n) {
                long total = received.addAndGet(n);
                while (next <= TARGETS.size() && total >= next * length / (TARGETS.size() + 1)) {
                    String target = TARGETS.get(next - 1);
                    next++;
                    Thread.ofVirtual().start(() -> {
                        requested.addAll(self.join().migrate("all", Optional.of(target), "curl test"));
                        issued.countDown();
                    });
                }
            }
        }));
        self.complete(connector);
        RecordingProxyListener events = new RecordingProxyListener();
        try (NetworkNamespace ns = NetworkNamespace.create()) {
            ns.addVeth(serverIp + "/24", "10.231." + net + ".2/24");
            try (ServerGroup group = new ServerGroup(3, new HttpApp(root), serverIp)) {
                NetworkContext network = new NetworkContext(
                        family -> ns.insideIo(() -> ServerSocketChannel.open(family)), ns.commands());
                TransparentSettings settings = new TransparentSettings(new InetSocketAddress("127.0.0.1", 0), true,
                        OptionalInt.empty(), 16);
                int s1Port = group.servers().getFirst().address().getPort();
                try (TransparentProxy proxy = TransparentProxy.start(settings,
                        new ServiceDirectory(List.of(group.service("video"))), connector, events, network)) {
                    Path out = tmp.resolve("download");
                    CurlRunner.Result r = CurlRunner.run(List.of("ip", "netns", "exec", ns.name(), "curl", "-sS",
                            "--max-time", "90", "-o", out.toString(), "http://" + serverIp + ":" + s1Port + "/big.bin"),
                            Duration.ofSeconds(100));
                    assertThat(r.exitCode()).as(r.stderr()).isZero();
                    try (InputStream in = Files.newInputStream(out)) {
                        long[] count = new long[1];
                        assertThat(Streams.readAll(in, count)).isEqualTo(sha);
                        assertThat(count[0]).isEqualTo(length);
                    }
                    assertThat(issued.await(30, TimeUnit.SECONDS)).isTrue();
                    for (CompletableFuture<MigrationEvent> f : requested) {
                        f.get(30, TimeUnit.SECONDS);
                    }
                    assertThat(migrations).extracting(MigrationEvent::toServer).containsExactlyElementsOf(TARGETS);
                    ProxySession session = events.awaitRelaying(Duration.ofSeconds(10));
                    assertThat(session.destination()).isEqualTo(serverIp + ":" + s1Port);
                }
                assertThat(ns.exec("iptables", "-t", "nat", "-S", "OUTPUT")).doesNotContain("mtcp-proxy-");
            }
        }
    }

    private static void download(SocketChannel client, MigratoryConnector connector) throws Exception {
        long seed = 77L;
        OutputStream out = client.socket().getOutputStream();
        InputStream in = client.socket().getInputStream();
        out.write(("STREAM " + LENGTH + " " + seed + "\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        MessageDigest got = Streams.sha256();
        MessageDigest want = Streams.sha256();
        List<CompletableFuture<MigrationEvent>> requested = new ArrayList<>();
        byte[] buf = new byte[64 * 1024];
        byte[] expected = new byte[buf.length];
        long pos = 0;
        int next = 1;
        while (pos < LENGTH) {
            int n = in.read(buf, 0, (int) Math.min(buf.length, LENGTH - pos));
            assertThat(n).as("end of stream at %d of %d", pos, LENGTH).isPositive();
            StreamSequence.fill(seed, pos, expected, 0, n);
            got.update(buf, 0, n);
            want.update(expected, 0, n);
            pos += n;
            if (next <= TARGETS.size() && pos >= next * LENGTH / (TARGETS.size() + 1)) {
                requested.addAll(connector.migrate("all", Optional.of(TARGETS.get(next - 1)), "test #" + next));
                next++;
            }
        }
        for (CompletableFuture<MigrationEvent> f : requested) {
            f.get(30, TimeUnit.SECONDS);
        }
        assertThat(requested).hasSize(TARGETS.size());
        assertThat(HexFormat.of().formatHex(got.digest())).isEqualTo(HexFormat.of().formatHex(want.digest()));
        client.socket().shutdownOutput();
        assertThat(in.read()).isEqualTo(-1);
    }
}
