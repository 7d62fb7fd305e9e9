package dev.mtcp.client.qos;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mtcp.client.MigrationEvent;
import dev.mtcp.client.MigrationListener;
import dev.mtcp.client.MigratorySocket;
import dev.mtcp.client.proxy.ForwardProxy;
import dev.mtcp.qos.decision.Decision;
import dev.mtcp.qos.policy.Policy;
import dev.mtcp.server.apps.EchoApp;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class QosMonitoredSocketsTest {
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stopScheduler() {
        scheduler.shutdownNow();
    }

    @Test
    void shouldMoveToTheSuggestedTargetWhenTheServerDrainsUnderTheHintsOnlyPolicy() throws Exception {
        try (QosTestCluster cluster = new QosTestCluster(3, new EchoApp(), UnaryOperator.identity());
             QosMonitoredSocket q = QosMonitoredSockets.connect(cluster.clientConfig(), Policy.hintsOnly(), scheduler)) {
            CompletableFuture<MigrationEvent> moved = new CompletableFuture<>();
            q.socket().addListener(new MigrationListener() {
                @Override
                public void onMigrated(MigrationEvent e) {
                    moved.complete(e);
                }
            });
            assertThat(roundTrip(q.socket(), "before")).isEqualTo("before");

            assertThat(cluster.server("s1").drain(Optional.of("s3"))).isEqualTo(1);

            MigrationEvent e = moved.get(10, TimeUnit.SECONDS);
            assertThat(e.toServer()).isEqualTo("s3");
            assertThat(e.reason()).startsWith("qos server_hint").contains("DRAIN");
            assertThat(roundTrip(q.socket(), "after")).isEqualTo("after");
            assertThat(q.counters().get(Decision.Reason.SERVER_HINT)).isEqualTo(1);
            assertThat(q.migrations()).singleElement().satisfies(m -> {
                assertThat(m.fromServer()).isEqualTo("s1");
                assertThat(m.toServer()).isEqualTo("s3");
            });
        }
    }

    @Test
    void shouldFeedMetricsAndStopMonitoringWhenTheSocketCloses() throws Exception {
        try (QosTestCluster cluster = new QosTestCluster(2, new EchoApp(), UnaryOperator.identity())) {
            MigratorySocket socket = MigratorySocket.connect(cluster.clientConfig()
                    .withTimeouts(Duration.ofSeconds(3), Duration.ofMillis(50), Duration.ofSeconds(10)));
            QosMonitoredSocket q = QosMonitoredSockets.attach(socket, Policy.hintsOnly(), InstantSource.system(), scheduler);
            assertThat(roundTrip(socket, "x".repeat(1000))).hasSize(1000);
            await(() -> q.metrics().snapshot().rtt().isPresent() && q.metrics().snapshot().serverLoadPermille().isPresent());
            assertThat(q.metrics().snapshot().bytesDown()).isEqualTo(1000);
            assertThat(q.metrics().snapshot().bytesUp()).isEqualTo(1000);

            socket.migrate("s2", "operator").get(10, TimeUnit.SECONDS);
            await(() -> q.metrics().snapshot().migrations() == 1);
            socket.close();
            await(q::isStopped);
        }
    }

    @Test
    void shouldLeaveHintsToTheSocketWhenItFollowsThemItself() throws Exception {
        try (QosTestCluster cluster = new QosTestCluster(3, new EchoApp(), UnaryOperator.identity());
             MigratorySocket socket = MigratorySocket.connect(cluster.clientConfig())) {
            QosMonitoredSocket q = QosMonitoredSockets.attach(socket, Policy.hintsOnly(), InstantSource.system(), scheduler);
            assertThat(roundTrip(socket, "before")).isEqualTo("before");
            cluster.server("s1").drain(Optional.of("s2"));
            await(() -> socket.status().server().equals("s2"));
            assertThat(roundTrip(socket, "after")).isEqualTo("after");
            assertThat(socket.status().migrations()).isEqualTo(1);
            assertThat(q.migrations()).as("the socket moved by itself, the policy did not").isEmpty();
            assertThat(q.counters().get(Decision.Reason.SERVER_HINT)).isZero();
        }
    }

    @Test
    void shouldMonitorEveryProxiedConnectionWhenAttachedInTheProxyHook() throws Exception {
        List<QosMonitoredSocket> monitored = new CopyOnWriteArrayList<>();
        try (QosTestCluster cluster = new QosTestCluster(2, new EchoApp(), UnaryOperator.identity());
             ForwardProxy proxy = ForwardProxy.start(new InetSocketAddress("127.0.0.1", 0),
                     cluster.clientConfig().withFollowServerHints(false),
                     s -> monitored.add(QosMonitoredSockets.attach(s, Policy.hintsOnly(), InstantSource.system(), scheduler)));
             Socket plain = new Socket(proxy.address().getAddress(), proxy.address().getPort())) {
            plain.setSoTimeout(10_000);
            assertThat(plainRoundTrip(plain, "one")).isEqualTo("one");
            assertThat(monitored).hasSize(1);

            cluster.server("s1").drain(Optional.of("s2"));
            await(() -> proxy.connections().stream().allMatch(c -> c.server().equals("s2")));
            assertThat(plainRoundTrip(plain, "two")).isEqualTo("two");
            assertThat(monitored.getFirst().counters().get(Decision.Reason.SERVER_HINT)).isEqualTo(1);
            assertThat(monitored.getFirst().socket().status().migrations()).isEqualTo(1);

            plain.close();
            await(() -> monitored.getFirst().isStopped());
        }
    }

    private static String plainRoundTrip(Socket s, String text) throws Exception {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        s.getOutputStream().write(b);
        s.getOutputStream().flush();
        return new String(s.getInputStream().readNBytes(b.length), StandardCharsets.UTF_8);
    }

    @Test
    void shouldHintArrivalsAwayWhenTheServerIsOverloaded() throws Exception {
        try (QosTestCluster cluster = new QosTestCluster(2, new EchoApp(), c -> c.withCapacityConnections(1));
             MigratorySocket first = MigratorySocket.connect(cluster.clientConfig());
             MigratorySocket second = MigratorySocket.connect(cluster.clientConfig())) {
            await(() -> second.status().server().equals("s2"));
            assertThat(first.status().server()).isEqualTo("s1");
            assertThat(cluster.server("s1").stats().hintsSent()).isEqualTo(1);
            assertThat(roundTrip(second, "moved")).isEqualTo("moved");
        }
    }

    @Test
    void shouldHintArrivalsAwayWhileTheCpuIsAboveTheThreshold() throws Exception {
        java.util.concurrent.atomic.AtomicLong cpuPermille = new java.util.concurrent.atomic.AtomicLong(300);
        dev.mtcp.server.CpuOverload s1Cpu = new dev.mtcp.server.CpuOverload(80, () -> cpuPermille.get() / 1000.0);
        try (QosTestCluster cluster = new QosTestCluster(2, new EchoApp(),
                c -> c.id().equals("s1") ? c.withCpuOverload(s1Cpu) : c);
             MigratorySocket calm = MigratorySocket.connect(cluster.clientConfig())) {
            assertThat(roundTrip(calm, "calm")).isEqualTo("calm");
            assertThat(calm.status().server()).as("30 % CPU: below the 80 % threshold").isEqualTo("s1");
            cpuPermille.set(950);
            try (MigratorySocket busy = MigratorySocket.connect(cluster.clientConfig())) {
                await(() -> busy.status().server().equals("s2"));
                assertThat(roundTrip(busy, "moved")).isEqualTo("moved");
            }
            assertThat(calm.status().server()).as("connections already there stay").isEqualTo("s1");
            assertThat(cluster.server("s1").stats().hintsSent()).isEqualTo(1);
        }
    }

    private static String roundTrip(MigratorySocket s, String text) throws Exception {
        OutputStream out = s.getOutputStream();
        InputStream in = s.getInputStream();
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        out.write(b);
        out.flush();
        return new String(in.readNBytes(b.length), StandardCharsets.UTF_8);
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition within 10 s").isLessThan(deadline);
            TimeUnit.MILLISECONDS.sleep(20);
        }
    }
}
