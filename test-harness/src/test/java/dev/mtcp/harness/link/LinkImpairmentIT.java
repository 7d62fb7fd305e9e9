package dev.mtcp.harness.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.mtcp.harness.probe.ProbeProcess;
import dev.mtcp.harness.testbed.Host;
import dev.mtcp.harness.testbed.Privileges;
import dev.mtcp.harness.testbed.Testbed;
import dev.mtcp.harness.testbed.TestbedConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Measures what the emulated link really does against what was asked: RTT, loss and rate within
 * 20 %, and a cut link passing nothing until restored. Needs root; uses netem where the kernel has
 * it and the tbf + iptables + NFQUEUE fallback otherwise.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LinkImpairmentIT {
    private static final Logger LOG = LoggerFactory.getLogger(LinkImpairmentIT.class);
    private static final Duration DELAY = Duration.ofMillis(25);
    private static final Duration JITTER = Duration.ofMillis(5);
    private static final double LOSS_PERCENT = 2.0;
    private static final long RATE_BITS = 10_000_000;
    private static final Impairment PROFILE = new Impairment(DELAY, JITTER, LOSS_PERCENT, RATE_BITS);
    /** Ethernet (14) + IPv4 (20) + UDP (8) header bytes around every datagram on the wire. */
    private static final int UDP_WIRE_OVERHEAD = 42;
    private static final Duration READY = Duration.ofSeconds(20);

    private final Path logs = Path.of("target", "wan-it", "link-impairment");
    private Testbed testbed;
    private LinkController links;
    private Host client;
    private Host server;

    @BeforeAll
    void buildTestbed() {
        assumeTrue(Privileges.isRoot(), "skipped: the WAN testbed needs root (network namespaces, veths, qdiscs)");
        assumeTrue(Privileges.onPath("tc").isPresent(), "skipped: `tc` is missing (install iproute2)");
        testbed = Testbed.create(TestbedConfig.withServers(1));
        // -Dmtcp.wan.emulation=fallback tests the fallback on a kernel that has netem as well
        EmulationKind kind = System.getProperty("mtcp.wan.emulation", "").equalsIgnoreCase("fallback")
                ? EmulationKind.FALLBACK : LinkController.detect(testbed);
        if (kind == EmulationKind.FALLBACK && Privileges.onPath("iptables").isEmpty()) {
            testbed.close();
            assumeTrue(false, "skipped: no netem in this kernel and `iptables` is missing for the fallback"
                    + " (apt-get install -y iptables)");
        }
        links = LinkController.create(testbed, logs, kind);
        client = testbed.client();
        server = testbed.host("s1");
    }

    @AfterAll
    void tearDown() {
        if (testbed != null) {
            testbed.close();
        }
    }

    @BeforeEach
    void applyProfile() {
        links.restore("s1");
        links.applyBoth("s1", PROFILE);
    }

    @Test
    void shouldAchieveRequestedRttWhenDelayAndJitterApplied() {
        ProbeProcess echo = ProbeProcess.start(testbed, server.namespace(), logs.resolve("echo.log"), "udp-echo", "7001")
                .awaitReady(READY);
        Map<String, String> result = ProbeProcess.start(testbed, client.namespace(), logs.resolve("ping.log"),
                "udp-ping", server.address(), "7001", "200", "40", "2000").awaitResult(Duration.ofSeconds(40));
        echo.stop();

        List<Long> rttsMicros = ProbeProcess.numbers(result.get("rtts_us")).stream().sorted().toList();
        assertThat(rttsMicros).as("answered pings").hasSizeGreaterThan(150);
        // median and quartiles: robust against the odd scheduling hiccup on a busy build machine
        double medianMillis = percentile(rttsMicros, 0.50) / 1000;
        double iqrMillis = (percentile(rttsMicros, 0.75) - percentile(rttsMicros, 0.25)) / 1000;
        double expectedMillis = 2.0 * DELAY.toMillis();
        // two independent uniform ±J delays add up to a triangular ±2J spread whose IQR is 2J(2 - sqrt 2)
        double expectedIqrMillis = 2 * JITTER.toMillis() * (2 - Math.sqrt(2));
        LOG.info("measured RTT median {} ms, IQR {} ms (expected {} / {}), min {} max {} ms over {} pongs ({})",
                medianMillis, iqrMillis, expectedMillis, expectedIqrMillis, rttsMicros.getFirst() / 1000.0,
                rttsMicros.getLast() / 1000.0, rttsMicros.size(), links.kind());
        assertThat(medianMillis).as("median RTT (ms) for 2 x %d ms", DELAY.toMillis())
                .isCloseTo(expectedMillis, within(0.2 * expectedMillis));
        assertThat(iqrMillis).as("RTT interquartile range (ms) from ±%d ms jitter each way", JITTER.toMillis())
                .isBetween(0.5 * expectedIqrMillis, 1.75 * expectedIqrMillis);
    }

    @Test
    void shouldDropRequestedShareWhenLossApplied() {
        // 20000 probes: the binomial spread of the count (0.1 %) is a fifth of the 20 % margin (0.4 %).
        // 4000 per second of 142 wire bytes is 4.5 Mbit/s: under the rate, so only the loss knob drops
        int probes = 20_000;
        ProbeProcess toServer = ProbeProcess.start(testbed, server.namespace(), logs.resolve("sink-s1.log"),
                "udp-sink", "7002", "1500", "30000").awaitReady(READY);
        ProbeProcess toClient = ProbeProcess.start(testbed, client.namespace(), logs.resolve("sink-client.log"),
                "udp-sink", "7003", "1500", "30000").awaitReady(READY);
        ProbeProcess blastUp = ProbeProcess.start(testbed, client.namespace(), logs.resolve("blast-up.log"),
                "udp-blast", server.address(), "7002", Integer.toString(probes), "4000", "100");
        ProbeProcess blastDown = ProbeProcess.start(testbed, server.namespace(), logs.resolve("blast-down.log"),
                "udp-blast", client.address(), "7003", Integer.toString(probes), "4000", "100");
        blastUp.awaitResult(Duration.ofSeconds(30));
        blastDown.awaitResult(Duration.ofSeconds(30));

        for (Map<String, String> received : List.of(toServer.awaitResult(Duration.ofSeconds(30)),
                toClient.awaitResult(Duration.ofSeconds(30)))) {
            // datagrams the receiving host itself dropped (a stalled JVM on a busy machine) are not link loss
            long hostDrops = Long.parseLong(received.get("rcvbuf_drops"));
            double lossPercent = 100.0 * (probes - Long.parseLong(received.get("distinct")) - hostDrops) / probes;
            LOG.info("measured loss {} % of {} probes, {} more dropped by the receiving host ({})", lossPercent,
                    probes, hostDrops, links.kind());
            assertThat(lossPercent).as("measured loss %% for %s %%", LOSS_PERCENT)
                    .isCloseTo(LOSS_PERCENT, within(0.2 * LOSS_PERCENT));
        }
    }

    @Test
    void shouldLimitUdpToRequestedRateWhenOffered150Percent() {
        int size = 1200;
        int packetsPerSecond = (int) (1.5 * RATE_BITS / ((size + UDP_WIRE_OVERHEAD) * 8));
        ProbeProcess sink = ProbeProcess.start(testbed, server.namespace(), logs.resolve("rate-sink.log"),
                "udp-sink", "7004", "1000", "30000").awaitReady(READY);
        ProbeProcess.start(testbed, client.namespace(), logs.resolve("rate-blast.log"), "udp-blast",
                server.address(), "7004", Integer.toString(packetsPerSecond * 3), Integer.toString(packetsPerSecond),
                Integer.toString(size)).awaitResult(Duration.ofSeconds(30));
        Map<String, String> received = sink.awaitResult(Duration.ofSeconds(30));

        double wireBits = Long.parseLong(received.get("packets")) * (size + UDP_WIRE_OVERHEAD) * 8.0;
        double seconds = Long.parseLong(received.get("span_ns")) / 1e9;
        LOG.info("measured UDP rate {} bit/s on the wire ({})", Math.round(wireBits / seconds), links.kind());
        assertThat(wireBits / seconds).as("achieved rate bit/s for %d bit/s", RATE_BITS)
                .isCloseTo((double) RATE_BITS, within(0.2 * RATE_BITS));
    }

    @Test
    void shouldCarryTcpBulkAtRequestedRateWhenLossless() {
        // TCP cannot fill a 50 ms path with 2 % loss (Mathis: ~2 Mbit/s), so this one runs without loss
        links.applyBoth("s1", PROFILE.withLossPercent(0));
        ProbeProcess sink = ProbeProcess.start(testbed, server.namespace(), logs.resolve("tcp-sink.log"),
                "tcp-sink", "7005").awaitReady(READY);
        ProbeProcess.start(testbed, client.namespace(), logs.resolve("tcp-bulk.log"), "tcp-bulk",
                server.address(), "7005", "5").awaitResult(Duration.ofSeconds(30));
        Map<String, String> received = sink.awaitResult(Duration.ofSeconds(30));

        double goodputBits = Long.parseLong(received.get("bytes")) * 8.0 / (Long.parseLong(received.get("span_ns")) / 1e9);
        // goodput excludes the 66 header bytes per 1448-byte segment (about 4.4 % of the wire rate)
        double expected = RATE_BITS * 1448.0 / 1514.0;
        LOG.info("measured TCP goodput {} bit/s ({})", Math.round(goodputBits), links.kind());
        assertThat(goodputBits).as("TCP goodput bit/s over a %d bit/s link", RATE_BITS)
                .isCloseTo(expected, within(0.2 * expected));
    }

    @Test
    void shouldPassNothingWhenCutAndPassAgainWhenRestored() {
        links.applyBoth("s1", Impairment.NONE);
        ProbeProcess echo = ProbeProcess.start(testbed, server.namespace(), logs.resolve("cut-echo.log"),
                "udp-echo", "7006").awaitReady(READY);
        links.cut("s1");
        Map<String, String> whileCut = ProbeProcess.start(testbed, client.namespace(), logs.resolve("cut-ping.log"),
                "udp-ping", server.address(), "7006", "20", "20", "500").awaitResult(Duration.ofSeconds(30));
        links.restore("s1");
        Map<String, String> afterRestore = ProbeProcess.start(testbed, client.namespace(),
                logs.resolve("restore-ping.log"), "udp-ping", server.address(), "7006", "20", "20", "500")
                .awaitResult(Duration.ofSeconds(30));
        echo.stop();

        assertThat(whileCut.get("received")).as("pongs through a cut link").isEqualTo("0");
        assertThat(afterRestore.get("received")).as("pongs after restore").isEqualTo("20");
    }

    private static double percentile(List<Long> sorted, double share) {
        return sorted.get((int) Math.min(sorted.size() - 1, Math.round(share * (sorted.size() - 1))));
    }
}
