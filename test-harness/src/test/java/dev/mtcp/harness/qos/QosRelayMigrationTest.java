package dev.mtcp.harness.qos;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mtcp.client.ClientConfig;
import dev.mtcp.client.MigrationEvent;
import dev.mtcp.client.MigrationListener;
import dev.mtcp.client.ServiceEndpoint;
import dev.mtcp.client.qos.QosMigration;
import dev.mtcp.client.qos.QosMonitoredSocket;
import dev.mtcp.client.qos.QosMonitoredSockets;
import dev.mtcp.harness.relay.FaultInjectingRelay;
import dev.mtcp.harness.relay.RelayFault;
import dev.mtcp.qos.policy.Policy;
import dev.mtcp.qos.policy.PolicyParser;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Issue 5: a fault-injecting relay in front of server 1 throttles it to 100 KiB/s mid-transfer; with a
 * {@code goodput_below: 1mbit for: 2s} policy the connection migrates within ~3 s to the best
 * alternate (s2: s3 sits behind a 1 MiB/s relay, which the PROBE goodput sample sees) and the stream
 * is exact.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class QosRelayMigrationTest {
    private static final Logger LOG = LoggerFactory.getLogger(QosRelayMigrationTest.class);
    private static final String POLICY = """
            triggers:
              goodput_below: 1mbit
              estimate: ewma
              for: 2s
            min_connection_age: 0s
            target:
              select: probe
              min_improvement: 20%
            metrics:
              window: 1s
              half_life: 50ms
              sample_every: 100ms
            """;
    private static final long STREAM_BYTES = 96L * 1024 * 1024;
    private static final long THROTTLE_AFTER_BYTES = 2L * 1024 * 1024;

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stopScheduler() {
        scheduler.shutdownNow();
    }

    @Test
    void shouldMigrateToTheBestAlternateWhenTheRelayThrottlesServerOneMidTransfer() throws Exception {
        Policy policy = PolicyParser.parse(POLICY, "relay-throttle-policy.yaml");
        try (QosTestServers cluster = new QosTestServers(3);
             FaultInjectingRelay toS1 = FaultInjectingRelay.start("s1", loopback(), cluster.server("s1").address());
             FaultInjectingRelay toS3 = FaultInjectingRelay.start("s3", loopback(), cluster.server("s3").address())) {
            toS3.setFault(RelayFault.throttle(1024 * 1024));
            ClientConfig cfg = ClientConfig.of("stream", List.of(
                    new ServiceEndpoint("s1", toS1.address()),
                    new ServiceEndpoint("s2", cluster.server("s2").address()),
                    new ServiceEndpoint("s3", toS3.address())));
            try (QosMonitoredSocket q = QosMonitoredSockets.connect(cfg, policy, scheduler)) {
                CompletableFuture<MigrationEvent> migrated = new CompletableFuture<>();
                CompletableFuture<Long> migratedAtNanos = new CompletableFuture<>();
                q.socket().addListener(new MigrationListener() {
                    @Override
                    public void onMigrated(MigrationEvent e) {
                        migratedAtNanos.complete(System.nanoTime());
                        migrated.complete(e);
                    }
                });
                q.serverDataOutstanding(true);   // the app knows a stream is in progress
                StreamReader reader = StreamReader.start(q.socket().getInputStream(), q.socket().getOutputStream(),
                        STREAM_BYTES, 42, Long.MAX_VALUE);
                awaitTrue(() -> reader.received() >= THROTTLE_AFTER_BYTES || reader.done().isDone(),
                        Duration.ofSeconds(20), "2 MiB received at full speed");
                assertThat(q.socket().status().server()).isEqualTo("s1");

                long throttledAt = System.nanoTime();
                toS1.setFault(RelayFault.throttle(100 * 1024));

                MigrationEvent e = migrated.get(20, TimeUnit.SECONDS);
                Duration afterThrottle = Duration.ofNanos(migratedAtNanos.join() - throttledAt);
                LOG.info("migrated {} -> {} {} ms after the throttle: {}", e.fromServer(), e.toServer(),
                        afterThrottle.toMillis(), e.reason());
                assertThat(e.fromServer()).isEqualTo("s1");
                assertThat(e.toServer()).as("the best alternate (s3 is behind a 1 MiB/s relay)").isEqualTo("s2");
                assertThat(e.reason()).startsWith("qos triggered").contains("goodput_below 1mbit for 2s");
                assertThat(afterThrottle).as("the trigger's for: 2s holds").isGreaterThanOrEqualTo(Duration.ofSeconds(2));
                assertThat(afterThrottle).as("migration within ~3 s of the throttle (bounded for a loaded CI box)")
                        .isLessThan(Duration.ofSeconds(5));

                QosMigration decision = q.migrations().getFirst();
                assertThat(decision.metrics().down().ewmaBitsPerSecond()).isLessThan(1_000_000);
                assertThat(decision.reason()).contains("probe chose s2");

                assertThat(reader.done().get(40, TimeUnit.SECONDS)).as("every byte, in order, exactly once")
                        .isEqualTo(STREAM_BYTES);
                assertThat(q.socket().status().server()).isEqualTo("s2");
                assertThat(q.socket().status().migrations()).isEqualTo(1);
            }
        }
    }

    private static InetSocketAddress loopback() {
        return new InetSocketAddress("127.0.0.1", 0);
    }

    static void awaitTrue(BooleanSupplier condition, Duration within, String what) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + within.toSeconds() + " s: " + what);
            }
            TimeUnit.MILLISECONDS.sleep(10);
        }
    }
}
