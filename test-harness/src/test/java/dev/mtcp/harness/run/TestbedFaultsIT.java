package dev.mtcp.harness.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.mtcp.harness.link.Direction;
import dev.mtcp.harness.link.EmulationKind;
import dev.mtcp.harness.link.Impairment;
import dev.mtcp.harness.link.LinkController;
import dev.mtcp.harness.scenario.LinkChange;
import dev.mtcp.harness.scenario.LinkProfile;
import dev.mtcp.harness.testbed.Privileges;
import dev.mtcp.harness.testbed.Testbed;
import dev.mtcp.harness.testbed.TestbedConfig;
import dev.mtcp.harness.testbed.TestbedException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Timeline actions against a real testbed and a real process in a server namespace (root only). */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TestbedFaultsIT {
    private final Path logs = Path.of("target", "wan-it", "faults");

    @Test
    void shouldSignalAndShapeWhenActionsArePerformed() throws Exception {
        assumeTrue(Privileges.isRoot(), "skipped: the WAN testbed needs root (network namespaces, veths, qdiscs)");
        assumeTrue(Privileges.onPath("iptables").isPresent(), "skipped: `iptables` is missing (apt-get install -y iptables)");
        try (Testbed bed = Testbed.create(TestbedConfig.withServers(1))) {
            LinkController links = LinkController.create(bed, logs, EmulationKind.FALLBACK);
            LinkProfile profile = LinkProfile.symmetric(Impairment.NONE.withRateBitsPerSecond(20_000_000));
            Process server = bed.start(bed.host("s1").namespace(), List.of("sleep", "300"), logs.resolve("sleep.log"));
            RecordingFaultActions operator = new RecordingFaultActions("");
            TestbedFaults faults = new TestbedFaults(links, host -> profile, Map.of("s1", server), bed.runner(), operator);

            faults.stop("s1");
            awaitState(server, 'T');
            faults.cont("s1");
            awaitState(server, 'S');

            faults.degrade("s1", new LinkChange(Optional.of(Duration.ofMillis(30)), Optional.empty(),
                    OptionalDouble.of(1), OptionalLong.empty(), EnumSet.of(Direction.TO_HOST)));
            assertThat(links.current("s1", Direction.TO_HOST)).isEqualTo(
                    new Impairment(Duration.ofMillis(30), Duration.ZERO, 1, 0));
            assertThat(links.current("s1", Direction.FROM_HOST)).isEqualTo(Impairment.NONE);
            faults.reset("s1");
            assertThat(links.current("s1", Direction.TO_HOST)).isEqualTo(profile.toHost());

            faults.cut("s1");
            assertThat(bed.exec(bed.routerNamespace(), List.of("ip", "rule", "show")).stdout())
                    .contains("blackhole").contains("198.18.1.0/24");
            faults.restore("s1");
            assertThat(bed.exec(bed.routerNamespace(), List.of("ip", "rule", "show")).stdout()).doesNotContain("blackhole");

            faults.drain("s1");
            faults.migrateAll("s1");
            assertThat(operator.calls).containsExactly("drain s1", "migrate s1");

            faults.kill("s1");
            assertThat(server.waitFor(10, TimeUnit.SECONDS)).as("killed server exited").isTrue();
            assertThat(server.exitValue()).as("exit status of SIGKILL").isEqualTo(128 + 9);
            assertThatThrownBy(() -> faults.stop("s1")).isInstanceOf(TestbedException.class)
                    .hasMessageContaining("is not running");
        }
    }

    /** Polls /proc/PID/stat until the process is in {@code state} (T stopped, S sleeping), for at most 5 s. */
    private static void awaitState(Process process, char state) throws IOException, InterruptedException {
        Path stat = Path.of("/proc", Long.toString(process.pid()), "stat");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        char seen = '?';
        while (System.nanoTime() < deadline) {
            String text = Files.readString(stat);
            seen = text.charAt(text.lastIndexOf(')') + 2);
            if (seen == state) {
                return;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
        throw new AssertionError("process " + process.pid() + " stayed in state " + seen + ", expected " + state);
    }
}
