package dev.mtcp.harness.bench;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * What one {@code mtcp bench} invocation runs.
 *
 * @param mode quick (CI smoke) or full (published figures)
 * @param kinds the benchmarks to run, in {@link BenchKind} order
 * @param jsonOut where to write the JSON report of every result; empty: no file
 */
public record BenchOptions(BenchMode mode, Set<BenchKind> kinds, Optional<Path> jsonOut) {

    public BenchOptions {
        if (mode == null || kinds == null || jsonOut == null) {
            throw new IllegalArgumentException("mode, kinds and jsonOut are required");
        }
        if (kinds.isEmpty()) {
            throw new IllegalArgumentException("no benchmark selected");
        }
        kinds = Set.copyOf(EnumSet.copyOf(kinds));
    }

    /** Every benchmark of the suite ({@code mtcp bench all}). */
    public static BenchOptions all(BenchMode mode, Optional<Path> jsonOut) {
        return new BenchOptions(mode, EnumSet.allOf(BenchKind.class), jsonOut);
    }

    public boolean runs(BenchKind kind) {
        return kinds.contains(kind);
    }
}
