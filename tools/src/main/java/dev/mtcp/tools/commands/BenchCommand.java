package dev.mtcp.tools.commands;

import dev.mtcp.harness.bench.BenchKind;
import dev.mtcp.harness.bench.BenchMode;
import dev.mtcp.harness.bench.BenchOptions;
import dev.mtcp.harness.bench.BenchReport;
import dev.mtcp.harness.bench.BenchResult;
import dev.mtcp.harness.bench.BenchRunner;
import dev.mtcp.harness.bench.MarkdownTable;
import dev.mtcp.tools.CommandFailure;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mtcp bench}: the benchmarks of docs/benchmarks.md, each next to its baseline in the same run. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        header = "Measure throughput, latency, migration pause, failover gap, drain and scale.",
        description = {
            "Runs the benchmarks of docs/benchmarks.md on loopback. Each baseline (direct TCP, a socat and an "
                + "HAProxy relay chain, plain TCP) runs in the same invocation as what it is compared with, and "
                + "each result line carries its ratio to the baseline: on a noisy machine the ratios, not the "
                + "absolute times, are the claim.",
            "BENCHMARK is one of: throughput, latency, pause, failover, drain, scale, codec, or all (default). "
                + "The full run takes a few minutes; --quick is a smoke run of under a minute.",
            "socat and haproxy (Debian packages) are started by the benchmark; without them those rows are "
                + "marked skipped."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  mtcp bench all --json bench.json --markdown bench.md",
            "  mtcp bench pause failover",
            "  mtcp bench --quick",
        })
public final class BenchCommand implements Callable<Integer> {
    @Parameters(paramLabel = "BENCHMARK", arity = "0..*", description = "Which benchmarks (default: all).")
    List<String> names = new ArrayList<>();

    @Option(names = "--quick", description = "A smoke run: small counts, well under a minute.")
    boolean quick;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write every result as JSON.")
    Path json;

    @Option(names = "--markdown", paramLabel = "FILE",
            description = "Also write the results as the Markdown section of docs/benchmarks.md.")
    Path markdown;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        Set<BenchKind> kinds = EnumSet.noneOf(BenchKind.class);
        for (String name : names) {
            if (name.equalsIgnoreCase("all")) {
                kinds.addAll(EnumSet.allOf(BenchKind.class));
                continue;
            }
            try {
                kinds.add(BenchKind.fromCliName(name));
            } catch (IllegalArgumentException e) {
                throw CommandFailure.input(e.getMessage());
            }
        }
        if (kinds.isEmpty()) {
            kinds.addAll(EnumSet.allOf(BenchKind.class));
        }
        PrintWriter out = spec.commandLine().getOut();
        BenchReport report = BenchRunner.run(new BenchOptions(quick ? BenchMode.QUICK : BenchMode.FULL, kinds,
                Optional.ofNullable(json)), out);
        if (markdown != null) {
            Files.writeString(markdown, MarkdownTable.document(report));
            out.println("wrote " + markdown);
        }
        out.flush();
        if (report.results().stream().anyMatch(r -> r.status() == BenchResult.Status.FAILED)) {
            throw CommandFailure.checkFailed("a benchmark failed to run: see the FAILED lines above");
        }
        return 0;
    }
}
