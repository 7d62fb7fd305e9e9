package dev.mtcp.harness.bench;

import java.util.List;

/** One benchmark of the suite: measures its rows and their baselines in one go. */
public interface Benchmark {
    BenchKind kind();

    /** Runs the benchmark; rows that cannot be measured come back SKIPPED or NOT_MEASURED, with the reason. */
    List<BenchResult> run(BenchContext context) throws Exception;
}
