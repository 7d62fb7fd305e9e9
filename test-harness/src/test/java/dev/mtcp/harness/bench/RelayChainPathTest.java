package dev.mtcp.harness.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class RelayChainPathTest {

    private static void assumeInstalled(String tool) {
        assumeTrue(ExternalTool.locate(tool).isPresent(),
                tool + " is not installed (apt-get install " + tool + "): this test is skipped");
    }

    private static List<Long> relayPids() {
        return ProcessHandle.current().descendants().filter(p -> p.info().command()
                .map(c -> c.endsWith("/socat") || c.endsWith("/haproxy")).orElse(false))
                .map(ProcessHandle::pid).toList();
    }

    private void shouldEchoThroughTwoHopsAndStopThemWhenClosed(RelayChainPath factory) throws Exception {
        List<Long> before = relayPids();
        List<Long> during;
        try (BenchPath path = factory.start(OriginService.ECHO); EchoClient client = new EchoClient(path.connect())) {
            for (int i = 0; i < 10; i++) {
                assertThat(client.roundTrip()).isPositive();
            }
            during = relayPids();
            assertThat(during.size() - before.size()).as("relay processes of the chain").isGreaterThanOrEqualTo(2);
        }
        // socat's forked per-connection children exit just after their parent: give them a bounded moment.
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(5);
        for (Long pid : during) {
            ProcessHandle.of(pid).ifPresent(h -> {
                try {
                    h.onExit().get(Math.max(1, deadline - System.nanoTime()), java.util.concurrent.TimeUnit.NANOSECONDS);
                } catch (Exception stillRunning) {
                    // reported by the assertion below
                }
            });
        }
        List<Long> stillAlive = during.stream().filter(pid -> !before.contains(pid))
                .filter(pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).toList();
        assertThat(stillAlive).as("relay processes left running").isEmpty();
    }

    @Test
    void shouldRelayAndStopWhenSocatChainIsUsed() throws Exception {
        assumeInstalled("socat");
        shouldEchoThroughTwoHopsAndStopThemWhenClosed(RelayChainPath.socat());
    }

    @Test
    void shouldRelayAndStopWhenHaproxyChainIsUsed() throws Exception {
        assumeInstalled("haproxy");
        shouldEchoThroughTwoHopsAndStopThemWhenClosed(RelayChainPath.haproxy());
    }

    @Test
    void shouldSayWhichPackageToInstallWhenTheToolIsMissing() {
        RelayHop missing = new RelayHop() {
            @Override
            public String tool() {
                return "no-such-relay";
            }

            @Override
            public Path executable() throws PathUnavailableException {
                return ExternalTool.require("mtcp-no-such-relay-tool", "mtcp-no-such-package");
            }

            @Override
            public List<String> command(Path exe, int port, InetSocketAddress upstream, Path dir) {
                return List.of(exe.toString());
            }
        };
        assertThatThrownBy(() -> new RelayChainPath("missing-chain", missing).start(OriginService.ECHO))
                .isInstanceOf(PathUnavailableException.class)
                .hasMessageContaining("mtcp-no-such-relay-tool is not installed")
                .hasMessageContaining("apt-get install mtcp-no-such-package");
    }

    @Test
    void shouldCompareMtcpWithDirectWhenTheSocatChainWasSkipped() {
        BenchResult direct = BenchResult.measured(BenchKind.LATENCY, "echo=1KiB", DirectPath.NAME, "p50", 30, "us");
        BenchResult socat = BenchResult.skipped(BenchKind.LATENCY, "echo=1KiB", "socat-chain", "p50", "us", "install socat");
        BenchResult mtcp = BenchResult.measured(BenchKind.LATENCY, "echo=1KiB", Comparisons.MTCP, "p50", 90, "us");
        Map<String, BenchResult> byPath = new java.util.LinkedHashMap<>();
        byPath.put(direct.path(), direct);
        byPath.put(socat.path(), socat);
        byPath.put(mtcp.path(), mtcp);

        Map<String, BenchResult> compared = Comparisons.compare(byPath, r -> r).stream()
                .collect(Collectors.toMap(BenchResult::path, r -> r));

        assertThat(compared.get(Comparisons.MTCP).baseline()).isEqualTo(DirectPath.NAME);
        assertThat(compared.get(Comparisons.MTCP).ratio()).isEqualTo(3.0);
        assertThat(compared.get("socat-chain").ratio()).isNull();
        assertThat(compared.get(DirectPath.NAME).ratio()).isNull();
    }
}
