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
import dev.mtcp.server.apps.EchoApp;
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
 * Issue 5, {@code stall_longer_than} on a proxied connection: a plain TCP client talks
 * request/response (echo) through the forward proxy, which relays opaque bytes and cannot parse
 * requests. Mid-conversation server 1's app stops answering — a hung backend: the carrier stays up,
 * s1 acknowledges the request and answers every PING, so neither the failure detector nor a goodput
 * trigger on an idle-looking connection sees anything. The request is pending (upstream bytes the
 * server acknowledged after the last downstream byte), so stall time runs; with
 * {@code stall_longer_than: 1s} the connection moves to s2, whose app answers the pending request
 * from the replayed input, and every echo is exact.
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
