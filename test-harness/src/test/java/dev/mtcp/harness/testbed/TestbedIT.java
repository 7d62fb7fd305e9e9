package dev.mtcp.harness.testbed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.mtcp.harness.probe.ProbeProcess;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Builds real testbeds (root only) and checks routing, error reports and that nothing is left behind. */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class TestbedIT {
    private static final CommandRunner RUNNER = new CommandRunner(Duration.ofSeconds(10));
    private final Path logs = Path.of("target", "wan-it", "testbed");

    @org.junit.jupiter.api.BeforeEach
    void createLogFolder() throws java.io.IOException {
        // Tests run in any order: the one that writes a child's log first must not find the folder missing.
        java.nio.file.Files.createDirectories(logs);
    }

    @BeforeAll
    static void requireRoot() {
        assumeTrue(Privileges.isRoot(), "skipped: the WAN testbed needs root (network namespaces, veths)");
    }

    @Test
    void shouldRouteBetweenClientAndEveryServerWhenBuilt() {
        String prefix;
        try (Testbed testbed = Testbed.create(TestbedConfig.withServers(2))) {
            prefix = testbed.runPrefix();
            assertThat(namespacesStartingWith(prefix)).containsExactlyInAnyOrder(
                    prefix + "router", prefix + "client", prefix + "s1", prefix + "s2");
            assertThat(testbed.host("s2").address()).isEqualTo("198.18.2.2");
            assertThat(testbed.exec(testbed.host("s1").namespace(), List.of("ip", "-d", "link", "show", "mtcp-eth0"))
                    .stdout()).contains("gso_max_segs 1");
            Host s2 = testbed.host("s2");
            ProbeProcess echo = ProbeProcess.start(testbed, s2.namespace(), logs.resolve("echo.log"), "udp-echo", "7100")
                    .awaitReady(Duration.ofSeconds(20));
            Map<String, String> pings = ProbeProcess.start(testbed, testbed.client().namespace(),
                    logs.resolve("ping.log"), "udp-ping", s2.address(), "7100", "5", "10", "2000")
                    .awaitResult(Duration.ofSeconds(20));
            echo.stop();
            assertThat(pings.get("received")).as("pongs from s2 through the router").isEqualTo("5");
        }
        assertThat(namespacesStartingWith(prefix)).as("namespaces left after close").isEmpty();
    }

    @Test
    void shouldLeaveNoNamespaceWhenTheTestBodyFails() {
        String[] prefix = new String[1];
        assertThatThrownBy(() -> {
            try (Testbed testbed = Testbed.create(TestbedConfig.withServers(1))) {
                prefix[0] = testbed.runPrefix();
                throw new IllegalStateException("test body failed");
            }
        }).hasMessage("test body failed");
        assertThat(namespacesStartingWith(prefix[0])).isEmpty();
    }

    @Test
    void shouldNameCommandAndStderrWhenACommandFails() {
        try (Testbed testbed = Testbed.create(TestbedConfig.withServers(1))) {
            assertThatThrownBy(() -> testbed.exec(testbed.routerNamespace(),
                    List.of("ip", "link", "set", "mtcp-nosuchdev", "up")))
                    .isInstanceOf(TestbedException.class)
                    .hasMessageContaining("ip link set mtcp-nosuchdev up")
                    .hasMessageContaining("failed with exit code")
                    .hasMessageContaining("mtcp-nosuchdev");
        }
    }

    @Test
    void shouldCleanUpInShutdownHookWhenOwnerExitsWithoutClosing() throws Exception {
        Process child = new ProcessBuilder(JavaCommand.of(AbandonedTestbedMain.class, List.of("exit")))
                .redirectError(logs.resolve("abandoned-exit.log").toFile()).start();
        String prefix = readPrefix(child);
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).as("child exited").isTrue();
        assertThat(namespacesStartingWith(prefix)).as("namespaces after the owner exited").isEmpty();
    }

    @Test
    void shouldRemoveStaleNamespacesWhenTheirOwnerWasKilled() throws Exception {
        Process child = new ProcessBuilder(JavaCommand.of(AbandonedTestbedMain.class, List.of("wait")))
                .redirectError(logs.resolve("abandoned-kill.log").toFile()).start();
        String prefix = readPrefix(child);
        child.destroyForcibly().waitFor(10, TimeUnit.SECONDS); // SIGKILL: no hook runs, namespaces stay
        assertThat(namespacesStartingWith(prefix)).as("namespaces of the killed run").isNotEmpty();

        try (Testbed next = Testbed.create(TestbedConfig.withServers(1))) {
            assertThat(namespacesStartingWith(prefix)).as("stale namespaces after the next start").isEmpty();
            assertThat(namespacesStartingWith(next.runPrefix())).isNotEmpty();
        }
    }

    private String readPrefix(Process child) throws IOException {
        logs.toFile().mkdirs();
        BufferedReader reader = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        String line = reader.readLine();
        assertThat(line).as("child output (see " + logs + ")").startsWith("PREFIX ");
        return line.substring("PREFIX ".length());
    }

    private static List<String> namespacesStartingWith(String prefix) {
        return NamespaceNames.parseList(RUNNER.check(List.of("ip", "netns", "list")).stdout()).stream()
                .filter(ns -> ns.startsWith(prefix))
                .toList();
    }
}
