package dev.mtcp.harness.qos;

import static dev.mtcp.harness.qos.QosRelayMigrationTest.awaitTrue;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mtcp.client.ClientConfig;
import dev.mtcp.client.ServiceEndpoint;
import dev.mtcp.client.proxy.ForwardProxy;
import dev.mtcp.client.qos.QosMigration;
import dev.mtcp.client.qos.QosMonitoredSocket;
import dev.mtcp.client.qos.QosMonitoredSockets;
import dev.mtcp.protocol.crypto.GroupKey;
import dev.mtcp.qos.policy.Policy;
import dev.mtcp.qos.policy.PolicyParser;
import dev.mtcp.server.MigratoryApp;
import dev.mtcp.server.MigratoryConnection;
import dev.mtcp.server.MigratoryServer;
import dev.mtcp.server.ServerConfig;
import dev.mtcp.harness.relay.FaultInjectingRelay;
import dev.mtcp.harness.relay.RelayFault;
import dev.mtcp.server.apps.EchoApp;
import dev.mtcp.server.apps.StreamApp;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Issue 5, {@code stall_longer_than} on a proxied connection: a plain TCP client talks through the
 * forward proxy, which relays opaque bytes and cannot parse requests. A real stall keeps the carrier
 * up and the server answering PINGs (else the failure detector, not the policy, acts), and the
 * downstream still: two ways that happens, one per half of the definition.
 * <ul>
 *   <li><em>A request is pending</em>: mid-conversation (echo) s1's app stops answering — a hung
 *   backend. s1 acknowledged the request (upstream bytes ACKed after the last downstream byte), so
 *   stall time runs; the connection moves to s2, whose app answers from the replayed input.</li>
 *   <li><em>The server has data outstanding</em>: mid-download s1 holds stream bytes its app already
 *   produced and may not send — it replicates to backup s2 (ack-on-replicate) and the path to s2
 *   black-holes, so the durability gate stays shut while the client carrier and its PONGs are fine.
 *   The PONGs' {@code downEnd} says s1 holds bytes the client lacks; the connection moves to s3.</li>
 * </ul>
 * With {@code stall_longer_than: 1s} the connection migrates once, and the stream is exact.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class QosStallMigrationTest {
    private static final Logger LOG = LoggerFactory.getLogger(QosStallMigrationTest.class);
    private static final String POLICY = """
            triggers:
              stall_longer_than: 1s
              for: 0s
            min_connection_age: 0s
            target: round_robin
            metrics:
              sample_every: 100ms
            """;
    private static final String DOWNLOAD_POLICY = """
            triggers:
              stall_longer_than: 1s
              for: 0s
            min_connection_age: 0s
            target:
              prefer: [s3]
            metrics:
              sample_every: 100ms
            """;
    private static final long STREAM_BYTES = 24L * 1024 * 1024;
    private static final long STALL_AFTER_BYTES = 2L * 1024 * 1024;
    private static final int ROUNDS = 20;
    private static final int HANG_AT_ROUND = 10;
    private static final int REQUEST_BYTES = 32 * 1024;
    /** A failure-detector floor a loaded CI box cannot trip: the migration must be the policy's. */
    private static final Duration DEAD_AFTER = Duration.ofSeconds(5);

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final List<QosMonitoredSocket> monitored = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Void> release = new CompletableFuture<>();

    @AfterEach
    void stop() {
        release.complete(null);
        monitored.forEach(QosMonitoredSocket::close);
        scheduler.shutdownNow();
    }

    @Test
    void shouldMigrateWhenServerOneStopsAnsweringAPendingRequestBehindTheProxy() throws Exception {
        Policy policy = PolicyParser.parse(POLICY, "stall-policy.yaml");
        AtomicBoolean hang = new AtomicBoolean();
        GroupKey key = GroupKey.generate();
        InetSocketAddress any = new InetSocketAddress("127.0.0.1", 0);
        try (MigratoryServer s1 = MigratoryServer.start(ServerConfig.of("s1", any, key), new HangingEcho(hang, release));
             MigratoryServer s2 = MigratoryServer.start(ServerConfig.of("s2", any, key), new EchoApp())) {
            s1.addPeer("s2", s2.address());
            s2.addPeer("s1", s1.address());
            ClientConfig cfg = ClientConfig.of("echo", List.of(new ServiceEndpoint("s1", s1.address()),
                            new ServiceEndpoint("s2", s2.address())))
                    .withTimeouts(DEAD_AFTER, Duration.ofSeconds(1), Duration.ofSeconds(30))
                    .withFollowServerHints(false);
            try (ForwardProxy proxy = ForwardProxy.start(any, cfg,
                         s -> monitored.add(QosMonitoredSockets.attach(s, policy, InstantSource.system(), scheduler)));
                 Socket app = new Socket()) {
                app.connect(proxy.address(), 5000);
                app.setSoTimeout(30_000);
                InputStream in = app.getInputStream();
                OutputStream out = app.getOutputStream();
                Random random = new Random(7);
                for (int round = 0; round < ROUNDS; round++) {
                    if (round == HANG_AT_ROUND) {
                        awaitTrue(() -> monitored.size() == 1, Duration.ofSeconds(10), "the proxy's connection monitored");
                        assertThat(monitored.getFirst().socket().status().server()).isEqualTo("s1");
                        hang.set(true);
                    }
                    long start = System.nanoTime();
                    byte[] request = new byte[REQUEST_BYTES];
                    random.nextBytes(request);
                    out.write(request);
                    out.flush();
                    assertThat(in.readNBytes(REQUEST_BYTES)).as("echo of round %d", round).isEqualTo(request);
                    if (round == HANG_AT_ROUND) {
                        Duration answeredAfter = Duration.ofNanos(System.nanoTime() - start);
                        LOG.info("the request s1 left pending was answered after {} ms", answeredAfter.toMillis());
                        assertThat(answeredAfter).as("not before the stall passed 1 s")
                                .isGreaterThanOrEqualTo(Duration.ofSeconds(1));
                        assertThat(answeredAfter).as("stall 1 s + sampling + the move (bounded for a loaded CI box)")
                                .isLessThan(Duration.ofSeconds(20));
                    }
                }
                app.shutdownOutput();
                assertThat(in.read()).as("the server's half-close after the last echo").isEqualTo(-1);

                QosMonitoredSocket q = monitored.getFirst();
                assertThat(q.migrations()).hasSize(1);
                QosMigration m = q.migrations().getFirst();
                assertThat(m.fromServer()).isEqualTo("s1");
                assertThat(m.toServer()).isEqualTo("s2");
                assertThat(m.reason()).contains("stall_longer_than 1s");
                assertThat(m.metrics().stall()).isGreaterThan(Duration.ofSeconds(1));
                assertThat(q.socket().status().migrations()).as("no failover, only the policy's move").isEqualTo(1);
            }
        }
    }

    @Test
    void shouldMigrateWhenServerOneHoldsDownloadDataItMayNotSendBehindTheProxy() throws Exception {
        Policy policy = PolicyParser.parse(DOWNLOAD_POLICY, "stall-download-policy.yaml");
        GroupKey key = GroupKey.generate();
        InetSocketAddress any = new InetSocketAddress("127.0.0.1", 0);
        ServerConfig s1Config = ServerConfig.of("s1", any, key).withBackups(List.of("s2"));
        // an operator's patience with a silent backup: longer than the test, so the gate stays shut
        s1Config = s1Config.withFailoverTimeouts(s1Config.fetchTimeout(), Duration.ofMinutes(5));
        try (MigratoryServer s2 = MigratoryServer.start(ServerConfig.of("s2", any, key), new StreamApp());
             MigratoryServer s3 = MigratoryServer.start(ServerConfig.of("s3", any, key), new StreamApp());
             FaultInjectingRelay toBackup = FaultInjectingRelay.start("s1->s2", any, s2.address());
             MigratoryServer s1 = MigratoryServer.start(s1Config.withPeers(java.util.Map.of(
                     "s2", toBackup.address(), "s3", s3.address())), new StreamApp())) {
            for (MigratoryServer s : List.of(s2, s3)) {
                for (MigratoryServer peer : List.of(s1, s2, s3)) s.addPeer(peer.id(), peer.address());
            }
            ClientConfig cfg = ClientConfig.of("stream", List.of(new ServiceEndpoint("s1", s1.address()),
                            new ServiceEndpoint("s2", s2.address()), new ServiceEndpoint("s3", s3.address())))
                    .withTimeouts(DEAD_AFTER, Duration.ofMillis(200), Duration.ofSeconds(30))
                    .withFollowServerHints(false);
            try (ForwardProxy proxy = ForwardProxy.start(any, cfg,
                         s -> monitored.add(QosMonitoredSockets.attach(s, policy, InstantSource.system(), scheduler)));
                 Socket app = new Socket()) {
                app.connect(proxy.address(), 5000);
                StreamReader reader = StreamReader.start(app.getInputStream(), app.getOutputStream(), STREAM_BYTES, 11,
                        Long.MAX_VALUE);
                awaitTrue(() -> reader.received() >= STALL_AFTER_BYTES, Duration.ofSeconds(30), "2 MiB downloaded from s1");
                QosMonitoredSocket q = monitored.getFirst();
                assertThat(q.socket().status().server()).isEqualTo("s1");
                assertThat(q.migrations()).isEmpty();

                long stalledAt = System.nanoTime();
                toBackup.setFault(RelayFault.stall());
                awaitTrue(() -> !q.migrations().isEmpty(), Duration.ofSeconds(30), "the policy moved the stalled download");
                LOG.info("moved {} ms after the backup path black-holed: {}",
                        (System.nanoTime() - stalledAt) / 1_000_000, q.migrations().getFirst().reason());
                toBackup.setFault(RelayFault.NONE);

                assertThat(reader.done().get(60, TimeUnit.SECONDS)).as("every byte, in order, exactly once")
                        .isEqualTo(STREAM_BYTES);
                QosMigration m = q.migrations().getFirst();
                assertThat(m.fromServer()).isEqualTo("s1");
                assertThat(m.toServer()).isEqualTo("s3");
                assertThat(m.reason()).contains("stall_longer_than 1s");
                assertThat(m.metrics().stall()).isGreaterThan(Duration.ofSeconds(1));
                assertThat(q.migrations()).hasSize(1);
                assertThat(q.socket().status().migrations()).as("no failover, only the policy's move").isEqualTo(1);
            }
        }
    }

    /**
     * Echo that checkpoints after each chunk (as {@link EchoApp}), and that stops answering — holds the
     * chunk it read without echoing it — while {@code hang} is set, until the test ends.
     */
    private record HangingEcho(AtomicBoolean hang, CompletableFuture<Void> release) implements MigratoryApp {
        @Override
        public void serve(MigratoryConnection conn) throws Exception {
            InputStream in = conn.input();
            OutputStream out = conn.output();
            byte[] buf = new byte[64 * 1024];
            int n;
            while ((n = in.read(buf)) >= 0) {
                if (hang.get()) {
                    release.join();
                    return;
                }
                out.write(Arrays.copyOf(buf, n));
                conn.exportState(new byte[0]);
            }
            out.close();
        }
    }
}
