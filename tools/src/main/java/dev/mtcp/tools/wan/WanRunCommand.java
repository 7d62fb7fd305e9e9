package dev.mtcp.tools.wan;

import dev.mtcp.harness.link.EmulationKind;
import dev.mtcp.harness.run.JvmLauncher;
import dev.mtcp.harness.run.ResultFiles;
import dev.mtcp.harness.run.RunResult;
import dev.mtcp.harness.run.ScenarioRunner;
import dev.mtcp.harness.scenario.Scenario;
import dev.mtcp.harness.testbed.TestbedException;
import dev.mtcp.tools.CommandFailure;
import dev.mtcp.tools.Main;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mtcp wan run FILE}: one scenario, end to end, with a verdict. */
@Command(name = "run", mixinStandardHelpOptions = true,
        header = "Run a scenario file and check its expectations (root).",
        description = "Builds the scenario's testbed (network namespaces, impaired links), starts real 'mtcp server' "
                + "processes and the 'mtcp proxy' with the scenario's policy, drives the clients through the proxy, "
                + "plays the timeline, verifies every byte, checks the expectations, and writes result.json and "
                + "report.html. Exit code 0 when every expectation held, 1 when one failed (listed), 3 for a bad "
                + "scenario file, 4 when the testbed could not be built.",
        footerHeading = "%nExamples:%n",
        footer = {
            "  sudo mtcp wan run examples/scenarios/qos-degrade-migration.yaml --report out/qos",
            "  firefox out/qos/report.html",
        })
public final class WanRunCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", description = "The scenario file (YAML, see docs/wan-testing.md).")
    Path file;

    @Option(names = "--report", paramLabel = "DIR",
            description = "Where result.json, report.html and the process logs go (default: mtcp-wan-NAME).")
    Path reportDir;

    @Option(names = "--emulation", paramLabel = "KIND",
            description = "Force the link emulation: netem or fallback (default: netem where the kernel has it).")
    String emulation;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException, InterruptedException {
        Scenario scenario = ScenarioInput.read(file);
        Optional<EmulationKind> kind = emulationKind(emulation);
        ScenarioInput.requireRoot("run");
        Path dir = reportDir != null ? reportDir : Path.of("mtcp-wan-" + scenario.name());
        PrintWriter out = spec.commandLine().getOut();
        out.println("scenario " + scenario.name() + ": " + scenario.description());
        out.flush();
        ScenarioRunner runner = new ScenarioRunner(JvmLauncher.ofRunningJvm(Main.class), kind, line -> {
            out.println("  " + line);
            out.flush();
        });
        RunResult result;
        try {
            result = runner.run(scenario, dir);
        } catch (TestbedException e) {
            throw CommandFailure.runtime(e.getMessage(), e);
        }
        ResultFiles.summaryLines(result).forEach(out::println);
        out.println("result: " + dir.resolve(ResultFiles.RESULT_JSON) + ", report: " + dir.resolve(ResultFiles.REPORT_HTML));
        out.flush();
        if (!result.passed()) {
            throw CommandFailure.checkFailed("scenario " + scenario.name() + " failed: " + String.join("; ",
                    result.failures()));
        }
        return 0;
    }

    static Optional<EmulationKind> emulationKind(String text) {
        if (text == null) {
            return Optional.empty();
        }
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "netem" -> Optional.of(EmulationKind.NETEM);
            case "fallback" -> Optional.of(EmulationKind.FALLBACK);
            default -> throw CommandFailure.input("--emulation must be netem or fallback, got '" + text + "'");
        };
    }
}
