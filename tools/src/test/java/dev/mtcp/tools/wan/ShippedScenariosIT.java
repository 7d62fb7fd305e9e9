package dev.mtcp.tools.wan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mtcp.harness.testbed.Privileges;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Every scenario shipped in {@code examples/scenarios/}, run end to end with the real CLI
 * ({@code mtcp wan run FILE --report DIR}, root): testbed, real server and proxy processes, real
 * clients, timeline, byte-for-byte verification, expectations. Reports land in
 * {@code tools/target/wan/NAME/}. Each run takes the scenario's duration plus about 10 s of setup.
 */
class ShippedScenariosIT {
    @BeforeAll
    static void requireRoot() {
        assumeTrue(Privileges.isRoot(), "the shipped WAN scenarios need root (network namespaces, veths, qdiscs, "
                + "iptables): skipped; run './test' or 'mvn verify' as root to include them");
        for (String program : new String[] {"ip", "tc", "iptables", "curl", "ss"}) {
            assumeTrue(Privileges.onPath(program).isPresent(), "'" + program + "' is not installed: the WAN scenarios "
                    + "are skipped (apt-get install -y iproute2 iptables curl)");
        }
    }

    private static void runScenario(String name) throws Exception {
        Path file = WanCli.repositoryRoot().resolve("examples/scenarios/" + name + ".yaml");
        Path out = Path.of("target", "wan", name).toAbsolutePath();
        Files.createDirectories(out);
        Path log = out.resolve("mtcp-wan-run.log");

        int exit = WanCli.run(log, Duration.ofSeconds(150), "wan", "run", file.toString(), "--report", out.toString());

        String output = Files.readString(log);
        assertThat(out.resolve("report.html")).as(output).exists();
        JsonNode result = WanCli.json(out.resolve("result.json"));
        assertThat(result.path("failures").size()).as("failures of %s:%n%s", name, output).isZero();
        assertThat(result.path("passed").asBoolean()).isTrue();
        assertThat(exit).as(output).isZero();
        assertThat(result.path("connections")).allSatisfy(c -> assertThat(c.path("intact").asBoolean()).isTrue());
    }

    @Test
    @Timeout(180)
    void shouldMigrateOffADegradedLinkWhenTheQosPolicyTriggers() throws Exception {
        runScenario("qos-degrade-migration");
    }

    @Test
    @Timeout(180)
    void shouldResumeEveryConnectionOnTheBackupWhenTheServerCrashesOnALossyLink() throws Exception {
        runScenario("crash-failover-lossy");
    }

    @Test
    @Timeout(180)
    void shouldNotPingPongWhenALinkFlaps() throws Exception {
        runScenario("flapping-link");
    }

    @Test
    @Timeout(180)
    void shouldSpreadConnectionsWhenAServerIsOverloaded() throws Exception {
        runScenario("overload-drain-hints");
    }

    @Test
    @Timeout(180)
    void shouldMoveAll200ConnectionsWhenTheirServerIsDrained() throws Exception {
        runScenario("mass-drain");
    }

    @Test
    @Timeout(180)
    void shouldMoveOffASilentlyCutLinkWhenTheStallTriggerFires() throws Exception {
        runScenario("silent-cut");
    }

    @Test
    @Timeout(180)
    void shouldKeepCurlDownloadsExactWhenTheirServerIsDrained() throws Exception {
        runScenario("curl-drain");
    }

    @Test
    void shouldHaveATestForEveryShippedScenario() throws Exception {
        String source = Files.readString(WanCli.repositoryRoot()
                .resolve("tools/src/test/java/dev/mtcp/tools/wan/ShippedScenariosIT.java"));
        try (var files = Files.list(WanCli.repositoryRoot().resolve("examples/scenarios"))) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yaml"))
                    .map(n -> "runScenario(\"" + n.substring(0, n.length() - ".yaml".length()) + "\")"))
                    .isNotEmpty().allSatisfy(call -> assertThat(source).contains(call));
        }
    }
}
