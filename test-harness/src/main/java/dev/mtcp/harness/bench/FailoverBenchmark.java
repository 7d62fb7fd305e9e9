package dev.mtcp.harness.bench;

import java.util.List;

/**
 * Failover gap after a SIGKILL and the throughput cost of ack-on-replicate (issue 4). Crash failover
 * (checkpoint replication to backups, failure detection, fetching state from a backup) is not built
 * yet, so there is nothing to measure: the rows say so instead of printing a figure.
 */
public final class FailoverBenchmark implements Benchmark {
    static final String NOT_BUILT = "crash failover not built yet (issue 4: replication to backups, failure detection)";

    @Override
    public BenchKind kind() {
        return BenchKind.FAILOVER;
    }

    @Override
    public List<BenchResult> run(BenchContext context) {
        return List.of(
                BenchResult.notMeasured(kind(), "kill", Comparisons.MTCP, "gap-p50", "ms", NOT_BUILT)
                        .withTarget("<= deadAfter + 10 ms", false),
                BenchResult.notMeasured(kind(), "kill", Comparisons.MTCP, "gap-p99", "ms", NOT_BUILT)
                        .withTarget("<= deadAfter + 10 ms", false),
                BenchResult.notMeasured(kind(), "ack-on-replicate", Comparisons.MTCP, "throughput", "MiB/s", NOT_BUILT)
                        .withTarget(">= 0.85 x ack-on-receive", false));
    }
}
