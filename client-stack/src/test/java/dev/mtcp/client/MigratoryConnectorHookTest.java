package dev.mtcp.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mtcp.client.config.ServerEntry;
import dev.mtcp.client.config.ServiceConfig;
import dev.mtcp.client.qos.QosMonitoredSocket;
import dev.mtcp.client.qos.QosMonitoredSockets;
import dev.mtcp.client.relay.Duplex;
import dev.mtcp.client.relay.MigratoryConnector;
import dev.mtcp.qos.policy.Policy;
import dev.mtcp.server.apps.EchoApp;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** SOCKS5 and transparent connections get the same per-connection hook as port forwarding (the QoS monitor). */
@Timeout(30)
class MigratoryConnectorHookTest {
    @Test
    void shouldAttachTheQosMonitorToEveryConnectionItOpens() throws Exception {
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        try (TestCluster cluster = new TestCluster(2, new EchoApp())) {
            List<QosMonitoredSocket> monitored = new CopyOnWriteArrayList<>();
            MigratoryConnector connector = new MigratoryConnector(c -> c.withClock(InstantSource.system()), List.of(),
                    service -> List.of(),
                    socket -> monitored.add(QosMonitoredSockets.attach(socket, Policy.hintsOnly(),
                            InstantSource.system(), scheduler)));
            ServiceConfig service = new ServiceConfig("echo", cluster.endpoints().stream()
                    .map(e -> new ServerEntry(e.id(), "127.0.0.1", e.address().getPort())).toList());

            try (Duplex duplex = connector.open(service)) {
                duplex.output().write("hello".getBytes());
                duplex.output().flush();
                assertThat(duplex.input().readNBytes(5)).isEqualTo("hello".getBytes());

                assertThat(monitored).singleElement().satisfies(m -> {
                    assertThat(m.socket().id().hex()).isEqualTo(connector.connections().getFirst().id());
                    assertThat(m.isStopped()).isFalse();
                });
                long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
                while (monitored.getFirst().metrics().snapshot().bytesDown() < 5 && System.nanoTime() < deadline) {
                    Thread.onSpinWait();
                }
                assertThat(monitored.getFirst().metrics().snapshot().bytesDown()).isEqualTo(5);
            }
        } finally {
            scheduler.shutdownNow();
        }
    }
}
