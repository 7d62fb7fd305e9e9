package dev.mtcp.client.qos;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mtcp.client.MigratorySocket;
import dev.mtcp.qos.decision.CandidateInfo;
import dev.mtcp.server.apps.EchoApp;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class ProbeCarrierProberTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    @Test
    void shouldMeasureRttGoodputAndLoadWhenTheServerAnswersTheProbe() throws Exception {
        try (QosTestCluster cluster = new QosTestCluster(2, new EchoApp(), c -> c.withCapacityConnections(4));
             MigratorySocket a = MigratorySocket.connect(cluster.clientConfig());
             MigratorySocket b = MigratorySocket.connect(cluster.clientConfig())) {
            ProbeCarrierProber prober = new ProbeCarrierProber("test", () -> addresses(cluster),
                    InstantSource.system(), ProbeCarrierProber.DEFAULT_SAMPLE_BYTES);

            CandidateInfo s1 = prober.probe("s1", TIMEOUT).get(10, TimeUnit.SECONDS);
            CandidateInfo s2 = prober.probe("s2", TIMEOUT).get(10, TimeUnit.SECONDS);

            assertThat(s1.reachable()).isTrue();
            assertThat(s1.rtt()).hasValueSatisfying(rtt -> assertThat(rtt).isPositive().isLessThan(TIMEOUT));
            assertThat(s1.goodputBitsPerSecond().getAsLong()).as("loopback goodput sample").isGreaterThan(1_000_000);
            assertThat(s1.loadPermille().getAsInt()).as("2 of 4 connections").isEqualTo(500);
            assertThat(s2.loadPermille().getAsInt()).isZero();
            assertThat(a.status().server()).isEqualTo("s1");
            assertThat(b.status().server()).isEqualTo("s1");
        }
    }

    @Test
    void shouldMeasureRttAndLoadOnlyWhenTheSampleIsZero() throws Exception {
        try (QosTestCluster cluster = new QosTestCluster(1, new EchoApp(), UnaryOperator.identity())) {
            ProbeCarrierProber prober = new ProbeCarrierProber("test", () -> addresses(cluster), InstantSource.system(), 0);
            CandidateInfo s1 = prober.probe("s1", TIMEOUT).get(10, TimeUnit.SECONDS);
            assertThat(s1.reachable()).isTrue();
            assertThat(s1.rtt()).isPresent();
            assertThat(s1.goodputBitsPerSecond()).isEmpty();
        }
    }

    @Test
    void shouldReportUnreachableWhenNothingListens() throws Exception {
        InetSocketAddress closed;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closed = (InetSocketAddress) s.getLocalSocketAddress();
        }
        InetSocketAddress gone = closed;
        ProbeCarrierProber prober = new ProbeCarrierProber("test", () -> Map.of("s9", gone), InstantSource.system(), 1024);
        CandidateInfo info = prober.probe("s9", TIMEOUT).get(10, TimeUnit.SECONDS);
        assertThat(info.reachable()).isFalse();
        assertThat(info.serverId()).isEqualTo("s9");
    }

    @Test
    void shouldReportUnreachableWhenTheServerIdIsUnknown() throws Exception {
        ProbeCarrierProber prober = new ProbeCarrierProber("test", Map::of, InstantSource.system(), 1024);
        assertThat(prober.probe("nope", TIMEOUT).get(10, TimeUnit.SECONDS).reachable()).isFalse();
    }

    private static Map<String, InetSocketAddress> addresses(QosTestCluster cluster) {
        Map<String, InetSocketAddress> out = new java.util.LinkedHashMap<>();
        cluster.servers.forEach(s -> out.put(s.id(), s.address()));
        return out;
    }
}
