package dev.mtcp.tools.wan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.mtcp.harness.testbed.Privileges;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code mtcp wan up}, {@code link} and {@code down} as real processes on a real testbed (root). */
class WanUpIT {
    @TempDir
    Path tmp;

    @Test
    @Timeout(120)
    void shouldKeepTheTestbedChangeItsLinksAndTearItDownWhenAsked() throws Exception {
        assumeTrue(Privileges.isRoot(), "'mtcp wan up' needs root (network namespaces): skipped");
        Path scenario = WanCli.repositoryRoot().resolve("examples/scenarios/mass-drain.yaml");
        String name = "it" + ProcessHandle.current().pid();
        Path upLog = tmp.resolve("up.log");
        Process up = WanCli.builder(upLog, "wan", "up", scenario.toString(), "--name", name, "--logs",
                tmp.resolve("logs").toString()).start();
        try {
            awaitLine(up, upLog, "testbed '" + name + "' is up", Duration.ofSeconds(60));
            String namespace = Files.readString(upLog).lines().filter(l -> l.startsWith("  s1: namespace "))
                    .findFirst().orElseThrow().split(" ")[4].replace(",", "");
            assertThat(namespaceExists(namespace)).isTrue();

            Path linkLog = tmp.resolve("link.log");
            assertThat(WanCli.run(linkLog, Duration.ofSeconds(30), "wan", "link", "--name", name, "s1", "--delay",
                    "40ms", "--loss", "2%", "--direction", "to")).isZero();
            assertThat(Files.readString(linkLog)).contains("s1 to: delay 40.0 ms", "loss 2.0 %", "from: delay 5.0 ms");
            assertThat(WanCli.run(linkLog, Duration.ofSeconds(30), "wan", "link", "--name", name, "s2", "--cut"))
                    .isZero();
            assertThat(Files.readString(linkLog)).contains("cut s2: s2 CUT");
            assertThat(WanCli.run(linkLog, Duration.ofSeconds(30), "wan", "link", "--name", name, "s7", "--reset"))
                    .isEqualTo(3);
            assertThat(Files.readString(linkLog)).contains("no host named 's7' (client, s1, s2)");

            assertThat(WanCli.run(tmp.resolve("down.log"), Duration.ofSeconds(30), "wan", "down", "--name", name))
                    .isZero();
            assertThat(up.waitFor(60, TimeUnit.SECONDS)).as(Files.readString(upLog)).isTrue();
            assertThat(up.exitValue()).isZero();
            assertThat(namespaceExists(namespace)).isFalse();
        } finally {
            if (up.isAlive()) {
                up.destroy(); // SIGTERM: its shutdown hook tears the testbed down
                up.waitFor(30, TimeUnit.SECONDS);
            }
        }
    }

    private static boolean namespaceExists(String namespace) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("ip", "netns", "list").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        p.waitFor(10, TimeUnit.SECONDS);
        return out.lines().anyMatch(l -> l.startsWith(namespace + " ") || l.equals(namespace));
    }

    private static void awaitLine(Process p, Path log, String needle, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!Files.readString(log).contains(needle)) {
            if (!p.isAlive() || System.nanoTime() > deadline) {
                throw new AssertionError("no '" + needle + "' from mtcp wan up:\n" + Files.readString(log));
            }
            p.waitFor(100, TimeUnit.MILLISECONDS); // bounded pause while polling the log
        }
    }
}
