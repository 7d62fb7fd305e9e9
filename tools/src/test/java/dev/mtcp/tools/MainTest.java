package dev.mtcp.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

@Timeout(30)
class MainTest {
    private static final List<String> VERBS = List.of(
            "server", "proxy", "conns", "migrate", "drain", "keygen", "policy", "demo", "trace", "wan", "bench");

    @Test
    void shouldListEveryVerbWhenAskedForHelp() {
        CliRun run = CliRun.of("--help");

        assertThat(run.exitCode()).isZero();
        for (String verb : VERBS) {
            assertThat(run.out()).containsPattern("(?m)^  " + verb + " +\\S");
        }
        assertThat(run.out()).contains("Exit codes:", "70", "Examples:").doesNotContain("69");
    }

    @Test
    void shouldPrintUsageWhenRunWithoutArguments() {
        CliRun run = CliRun.of();

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("Usage: mtcp");
    }

    @Test
    void shouldPrintVersionWhenAskedForIt() {
        CliRun run = CliRun.of("--version");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).containsPattern("^mtcp \\d+\\.\\d+\\.\\d+").contains("Java 25");
    }

    @Test
    void shouldGiveEveryCommandHelpWithExamplesWithinEightyColumns() {
        CommandLine root = Main.commandLine(new java.io.PrintWriter(java.io.Writer.nullWriter()),
                new java.io.PrintWriter(java.io.Writer.nullWriter()));
        List<CommandLine> all = new java.util.ArrayList<>();
        collect(root, all);

        assertThat(all).hasSizeGreaterThan(VERBS.size());
        for (CommandLine cl : all) {
            String help = cl.getUsageMessage(CommandLine.Help.Ansi.OFF);
            assertThat(help).as(cl.getCommandSpec().qualifiedName()).contains("Examples:", "--help");
            assertThat(help.lines()).as(cl.getCommandSpec().qualifiedName()).allMatch(l -> l.length() <= 80);
        }
    }

    private static void collect(CommandLine cl, List<CommandLine> into) {
        into.add(cl);
        cl.getSubcommands().values().forEach(sub -> collect(sub, into));
    }

    @Test
    void shouldSayWhatIsWrongAndExitTwoWhenHostPortIsMalformed() {
        CliRun run = CliRun.of("conns", "--admin", "localhost");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("mtcp conns: Invalid value for option '--admin'",
                "expected HOST:PORT such as 127.0.0.1:7001", "'localhost'", "Try 'mtcp conns --help'");
        assertThat(run.err()).doesNotContain("Exception", "\tat ");
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1:", ":80", "127.0.0.1:99999", "127.0.0.1:http", "[::1]80", "a:b:c"})
    void shouldRejectEveryMalformedHostPortAsUsageError(String value) {
        CliRun run = CliRun.of("migrate", "--admin", value, "all");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("Invalid value for option '--admin'").doesNotContain("\tat ");
    }

    @Test
    void shouldSuggestTheVerbWhenItIsMistyped() {
        CliRun run = CliRun.of("migrat");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("Unmatched argument", "migrate");
    }

    @Test
    void shouldCheckTraceOptionsAsUsageOrInputErrors() {
        assertThat(CliRun.of("trace", "--iface", "lo").exitCode()).isEqualTo(ExitCodes.USAGE);
        CliRun run = CliRun.of("trace", "--iface", "lo", "--port", "70000");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.INPUT);
        assertThat(run.err()).contains("--port must be 1..65535");
    }

    @Test
    void shouldSayWhatIsMissingWhenTraceHasNoPortOrNoSource() {
        assertThat(CliRun.of("trace", "--iface", "lo").exitCode()).isEqualTo(ExitCodes.USAGE);
        CliRun run = CliRun.of("trace", "--port", "7001");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.INPUT);
        assertThat(run.err()).contains("--iface IF").contains("--read").doesNotContain("\tat ");
    }

    @Test
    void shouldNameTheValidBenchmarksWhenOneIsUnknown() {
        CliRun run = CliRun.of("bench", "speed");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.INPUT);
        assertThat(run.err()).contains("unknown benchmark 'speed'").contains("throughput, latency, pause");
    }

    @Test
    void shouldRejectADemoFileSizeOutOfRange() {
        CliRun run = CliRun.of("demo", "--size", "2");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.INPUT);
        assertThat(run.err()).contains("--size must be 8..4096 MiB, got 2");
    }

    @Test
    void shouldPrintStackTraceOnlyWhenVerbose() {
        CliRun quiet = CliRun.of("policy", "check", "p.yaml");
        CliRun verbose = CliRun.of("policy", "check", "p.yaml", "--verbose");

        assertThat(quiet.err().lines()).hasSize(1);
        assertThat(verbose.err()).contains("CommandFailure", "\tat ");
        assertThat(verbose.exitCode()).isEqualTo(quiet.exitCode()).isEqualTo(ExitCodes.CHECK_FAILED);
    }
}
