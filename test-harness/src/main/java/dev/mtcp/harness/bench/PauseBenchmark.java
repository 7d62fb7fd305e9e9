package dev.mtcp.harness.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Client-observed migration pause with a live origin on loopback: a {@link MigratorySocket} runs a
 * 1 KiB request/response stream ({@link TickService}) while it is migrated back and forth between two
 * servers; the pause of a migration is the longest gap between consecutive responses around it (last
 * downstream byte before → first after). Rows per app state size, then the long run at 64 KiB.
 * Baseline: the gap between consecutive responses when no migration happens (same connection, same run).
 * A warm-up run (its figures thrown away) comes first, so the first state size does not pay for JIT compilation.
 * Targets (issues 3, 8): at 64 KiB, p50 ≤ 1 ms and p99 ≤ 5 ms.
 */
public final class PauseBenchmark implements Benchmark {
    static final int TARGET_STATE_BYTES = 64 * 1024;
    static final double TARGET_P50_MILLIS = 1;
    static final double TARGET_P99_MILLIS = 5;
    static final String STEADY = "steady-stream";

    @Override
    public BenchKind kind() {
        return BenchKind.PAUSE;
    }

    @Override
    public List<BenchResult> run(BenchContext context) throws IOException {
        BenchSizes sizes = context.sizes();
        List<BenchResult> out = new ArrayList<>();
        try (MtcpCluster cluster = MtcpCluster.start(2, TickService::serve)) {
            context.note("pause: " + sizes.migrationsPerStateSize() + " warm-up migrations (not reported)");
            MigrationRun.run(cluster, TARGET_STATE_BYTES, sizes.migrationsPerStateSize());
            for (int stateBytes : sizes.stateSizesBytes()) {
                context.note("pause: " + sizes.migrationsPerStateSize() + " migrations with " + size(stateBytes) + " of state");
                out.addAll(rows("state=" + size(stateBytes), MigrationRun.run(cluster, stateBytes, sizes.migrationsPerStateSize()),
                        false));
            }
            context.note("pause: " + sizes.liveMigrations() + " live migrations with 64 KiB of state");
            out.addAll(rows("live-" + sizes.liveMigrations() + "x64KiB",
                    MigrationRun.run(cluster, TARGET_STATE_BYTES, sizes.liveMigrations()), true));
        }
        return out;
    }

    private List<BenchResult> rows(String row, MigrationRun.Outcome o, boolean withTargets) {
        Percentiles pauses = Percentiles.of(o.pausesNanos());
        Percentiles steady = Percentiles.of(o.steadyGapsNanos());
        String note = o.pausesNanos().length + " migrations, " + o.responses() + " responses, every one in order"
                + stackReported(o.stackPausesNanos());
        BenchResult steady50 = BenchResult.measured(kind(), row, STEADY, "p50", steady.p50Nanos() / 1e6, "ms")
                .withNote("gap between consecutive 1 KiB responses without a migration");
        BenchResult steady99 = BenchResult.measured(kind(), row, STEADY, "p99", steady.p99Nanos() / 1e6, "ms")
                .withNote("gap between consecutive 1 KiB responses without a migration");
        BenchResult p50 = BenchResult.measured(kind(), row, Comparisons.MTCP, "p50", pauses.p50Nanos() / 1e6, "ms")
                .withNote(note).comparedWith(steady50);
        BenchResult p99 = BenchResult.measured(kind(), row, Comparisons.MTCP, "p99", pauses.p99Nanos() / 1e6, "ms")
                .withNote(note).comparedWith(steady99);
        if (withTargets) {
            p50 = p50.withTarget("<= " + (int) TARGET_P50_MILLIS + " ms", p50.value() <= TARGET_P50_MILLIS);
            p99 = p99.withTarget("<= " + (int) TARGET_P99_MILLIS + " ms", p99.value() <= TARGET_P99_MILLIS);
        }
        return List.of(steady50, p50, steady99, p99);
    }

    /** The client stack's own pause figures, for comparison with this benchmark's. */
    private static String stackReported(long[] stackPausesNanos) {
        if (stackPausesNanos.length == 0) {
            return "";
        }
        Percentiles p = Percentiles.of(stackPausesNanos);
        return String.format(java.util.Locale.ROOT, "; the stack's own pause events: p50 %.2f ms, p99 %.2f ms (%d)",
                p.p50Nanos() / 1e6, p.p99Nanos() / 1e6, p.count());
    }

    static String size(int bytes) {
        return bytes >= 1 << 20 ? (bytes >> 20) + "MiB" : (bytes >> 10) + "KiB";
    }
}
