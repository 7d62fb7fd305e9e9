package dev.mtcp.harness.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the selected benchmarks, prints one line per result as each benchmark finishes, and writes the
 * JSON report. The entry point of {@code mtcp bench}: {@code BenchRunner.run(options, out)}.
 */
public final class BenchRunner {
    private final List<BenchPathFactory> paths;
    private final List<Benchmark> benchmarks;

    public BenchRunner(List<BenchPathFactory> paths, List<Benchmark> benchmarks) {
        this.paths = List.copyOf(paths);
        this.benchmarks = List.copyOf(benchmarks);
    }

    /** The suite as built: every path and every benchmark that exists. */
    public static BenchRunner standard() {
        return new BenchRunner(BenchSuite.paths(), BenchSuite.benchmarks());
    }

    /** Runs {@code options} with the standard suite; see {@link #execute}. */
    public static BenchReport run(BenchOptions options, PrintWriter out) throws IOException {
        return standard().execute(options, out);
    }

    /**
     * Runs the benchmarks {@code options} selects, in {@link BenchKind} order. A benchmark that fails
     * does not stop the others: its row is recorded with status FAILED and the error.
     */
    public BenchReport execute(BenchOptions options, PrintWriter out) throws IOException {
        Instant started = Instant.now();
        long t0 = System.nanoTime();
        BenchContext context = new BenchContext(options.mode().sizes(), paths, out);
        MachineInfo machine = MachineInfo.probe();
        context.note("mtcp bench " + options.mode().name().toLowerCase(java.util.Locale.ROOT) + " on "
                + machine.cores() + " cores (" + machine.cpuModel() + "), " + machine.memoryMiB() + " MiB, Java "
                + machine.javaVersion());
        List<BenchResult> all = new ArrayList<>();
        for (Benchmark b : benchmarks) {
            if (!options.runs(b.kind())) {
                continue;
            }
            context.note(b.kind().cliName() + ": " + b.kind().description());
            long bt0 = System.nanoTime();
            List<BenchResult> results;
            try {
                results = b.run(context);
            } catch (Exception e) {
                results = List.of(BenchResult.failed(b.kind(), String.valueOf(e.getMessage() == null ? e : e.getMessage())));
            }
            results.forEach(r -> out.println(ResultLine.format(r)));
            context.note(b.kind().cliName() + " took " + (System.nanoTime() - bt0) / 1_000_000 + " ms");
            all.addAll(results);
        }
        BenchReport report = new BenchReport(options.mode().name().toLowerCase(java.util.Locale.ROOT),
                started.toString(), Instant.now().toString(), (System.nanoTime() - t0) / 1_000_000, machine, all);
        if (options.jsonOut().isPresent()) {
            new JsonReportWriter().write(report, options.jsonOut().get());
            context.note("JSON report: " + options.jsonOut().get().toAbsolutePath());
        }
        out.flush();
        return report;
    }
}
