package dev.mtcp.harness.bench;

import java.util.List;

/** Everything one {@code mtcp bench} invocation measured, as written to JSON. */
public record BenchReport(String mode, String startedAt, String finishedAt, long elapsedMillis, MachineInfo machine,
                          List<BenchResult> results) {

    public BenchReport {
        results = List.copyOf(results);
    }

    public List<BenchResult> results(BenchKind kind) {
        return results.stream().filter(r -> r.benchmark().equals(kind.cliName())).toList();
    }
}
