package dev.mtcp.tools.commands;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mtcp.tools.CliRun;
import dev.mtcp.tools.ExitCodes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(30)
class PolicyCheckCommandTest {
    private static final String VALID = """
            version: 1
            triggers:
              any:
                - rtt_above: 150ms
                  for: 2s
            cooldown: 10s
            """;

    @TempDir
    Path dir;

    @Test
    void shouldDescribeAndNormalizeAValidPolicy() throws IOException {
        Path file = Files.writeString(dir.resolve("policy.yaml"), VALID);

        CliRun run = CliRun.of("policy", "check", file.toString());

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith(file + ": valid").contains("# normalized", "cooldown: 10s");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void shouldPrintNothingWhenQuietAndValid() throws IOException {
        Path file = Files.writeString(dir.resolve("policy.yaml"), VALID);

        CliRun run = CliRun.of("policy", "check", "-q", file.toString());

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEmpty();
    }

    @Test
    void shouldNameFileLineAndFieldAndExitOneWhenInvalid() throws IOException {
        Path file = Files.writeString(dir.resolve("policy.yaml"), VALID.replace("for: 2s", "for: 5x"));

        CliRun run = CliRun.of("policy", "check", file.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.CHECK_FAILED);
        assertThat(run.err()).startsWith("mtcp policy check: " + file + ":5: triggers.any[0].for: ");
        assertThat(run.err().lines()).hasSize(1);
        assertThat(run.out()).isEmpty();
    }

    @Test
    void shouldAcceptEveryShippedExamplePolicy() throws IOException {
        Path examples = Path.of("..", "examples", "policies");
        try (var files = Files.list(examples)) {
            for (Path file : files.toList()) {
                assertThat(CliRun.of("policy", "check", "-q", file.toString()).exitCode()).as(file.toString()).isZero();
            }
        }
    }
}
