package dev.mtcp.harness.qos;

import static dev.mtcp.harness.qos.QosRelayMigrationTest.awaitTrue;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mtcp.client.ClientConfig;
import dev.mtcp.client.qos.QosMonitoredSocket;
import dev.mtcp.client.qos.QosMonitoredSockets;
import dev.mtcp.qos.decision.Decision;
import dev.mtcp.qos.policy.Policy;
import dev.mtcp.server.MigratoryServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 5, {@code mtcp drain}: a server holding 50 streaming connections drains (what the admin
 * endpoint calls); every connection, each QoS-monitored under the default {@link Policy#hintsOnly()}
 * policy, follows the DRAIN hint to the first suggested peer mid-stream; none is dropped and every
 * stream is exact.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class DrainFiftyConnectionsTest {
    private static final int CONNECTIONS = 50;
    private static final long STREAM_BYTES = 512 * 1024;
    private static final long PAUSE_AT_BYTES = 256 * 1024;
    private static final Duration UNLOADED_DEAD_AFTER = Duration.ofSeconds(5);

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final List<QosMonitoredSocket> sockets = new ArrayList<>();

    @AfterEach
    void closeAll() {
        sockets.forEach(QosMonitoredSocket::close);
        sockets.clear();
        scheduler.shutdownNow();
    }

    @Test
    void shouldMoveEveryConnectionWithoutDroppingAnyWhenTheServerDrains() throws Exception {
        try (QosTestServers cluster = new QosTestServers(3)) {
            // This test is about the drain, not failure detection: a loaded CI box (2 cores, 50 streams,
            // three servers in this JVM) can delay a PONG past the 200 ms default floor, and a spurious
            // failover before or during the drain would move a connection for another reason.
            ClientConfig cfg = ClientConfig.of("stream", cluster.endpoints())
                    .withTimeouts(UNLOADED_DEAD_AFTER, Duration.ofSeconds(1), Duration.ofSeconds(30));
            List<StreamReader> readers = new ArrayList<>();
            for (int i = 0; i < CONNECTIONS; i++) {
                QosMonitoredSocket q = QosMonitoredSockets.connect(cfg, Policy.hintsOnly(), scheduler);
                sockets.add(q);
                readers.add(StreamReader.start(q.socket().getInputStream(), q.socket().getOutputStream(),
                        STREAM_BYTES, 1000 + i, PAUSE_AT_BYTES));
            }
            awaitTrue(() -> readers.stream().allMatch(r -> r.received() >= PAUSE_AT_BYTES), Duration.ofSeconds(60),
                    "every stream under way");
            assertThat(sockets).allSatisfy(q -> {
                assertThat(q.socket().status().server()).isEqualTo("s1");
                assertThat(q.socket().status().migrations()).isZero();
            });

            MigratoryServer s1 = cluster.server("s1");
            assertThat(s1.drain(Optional.empty())).as("connections hinted").isEqualTo(CONNECTIONS);

            awaitTrue(() -> sockets.stream().allMatch(q -> q.socket().status().state().equals("OPEN")
                            && List.of("s2", "s3").contains(q.socket().status().server())),
                    Duration.ofSeconds(60), "every connection moved off s1");
            readers.forEach(StreamReader::resume);
            for (StreamReader r : readers) {
                assertThat(r.done().get(60, TimeUnit.SECONDS)).as("stream exact and complete").isEqualTo(STREAM_BYTES);
            }
            assertThat(sockets).allSatisfy(q -> {
                assertThat(q.socket().status().migrations()).isEqualTo(1);
                assertThat(q.socket().status().state()).isEqualTo("OPEN");
                assertThat(q.counters().get(Decision.Reason.SERVER_HINT)).isEqualTo(1);
            });
            assertThat(sockets).filteredOn(q -> q.socket().status().server().equals("s2"))
                    .as("connections that followed the hint to the first suggested peer").hasSizeGreaterThan(CONNECTIONS / 2);
            assertThat(s1.stats().migrationsOut()).isGreaterThanOrEqualTo(CONNECTIONS);
            closeAll();   // before the servers go away
        }
    }
}
