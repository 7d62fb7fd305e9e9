package dev.mtcp.tools.commands;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mtcp.tools.CliRun;
import dev.mtcp.tools.ExitCodes;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mtcp server --capacity} and {@code --replica-ack-timeout-ms}: the overload threshold and the
 * backup acknowledgement timeout the WAN scenarios set (overload-drain-hints, crash-failover-lossy).
 */
class ServerWanOptionsTest {
    @TempDir
    Path tmp;

    @Test
    void shouldRefuseACapacityBelowOneConnection() {
        CliRun run = echoServerWith("--capacity", "0");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.INPUT);
        assertThat(run.err()).contains("--capacity 0: must be at least 1 connection");
    }

    @Test
    void shouldDescribeTheCapacityInTheHelp() {
        CliRun run = CliRun.of("server", "--help");

        assertThat(run.out()).contains("--capacity=CONNECTIONS", "100% load", "Default: 1000");
    }

    @Test
    void shouldRefuseACpuThresholdOutsideOneToHundredPercentAndDescribeIt() {
        CliRun run = echoServerWith("--overload-cpu", "120");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.INPUT);
        assertThat(run.err()).contains("--overload-cpu 120: must be a percentage from 1 to 100");
        assertThat(CliRun.of("server", "--help").out()).contains("--overload-cpu=PERCENT", "Default: off");
    }

    @Test
    void shouldRefuseAReplicaAckTimeoutThatIsNotPositive() {
        CliRun run = echoServerWith("--replica-ack-timeout-ms", "0");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.INPUT);
        assertThat(run.err()).contains("--replica-ack-timeout-ms 0: must be positive");
    }

    /** {@code mtcp server} of an echo app with a fresh group key and {@code extra} options. */
    private CliRun echoServerWith(String... extra) {
        Path key = tmp.resolve("group.key");
        assertThat(CliRun.of("keygen", "--out", key.toString()).exitCode()).isZero();
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("server", "--id", "s1", "--listen",
                "127.0.0.1:0", "--group-key", key.toString(), "--app", "echo"));
        args.addAll(java.util.List.of(extra));
        return CliRun.of(args.toArray(String[]::new));
    }
}
