package dev.mtcp.harness.bench;

import java.util.List;

/** How big a benchmark run is: {@code QUICK} is the CI smoke run, {@code FULL} the run behind the published figures. */
public enum BenchMode {
    /** Small byte counts and few iterations: every benchmark in well under a minute in total. */
    QUICK(new BenchSizes(
            8L << 20, 1, 2,
            300, 2_000, 2,
            List.of(1 << 10, 64 << 10, 1 << 20, 16 << 20), 2, 20,
            50, 100, true)),
    /** The published run: under ten minutes on a 2-core machine. */
    FULL(new BenchSizes(
            512L << 20, 5, 8,
            5_000, 50_000, 5,
            List.of(1 << 10, 64 << 10, 1 << 20, 16 << 20), 20, 1_000,
            1_000, 10_000, false));

    private final BenchSizes sizes;

    BenchMode(BenchSizes sizes) {
        this.sizes = sizes;
    }

    public BenchSizes sizes() {
        return sizes;
    }
}
