package dev.mtcp.harness.bench;

import java.io.PrintWriter;
import java.util.List;

/**
 * What a benchmark gets to work with.
 *
 * @param sizes the counts and sizes of this run
 * @param paths the paths to compare, baselines first (direct, relay chains, then mtcp when built)
 * @param progress where to print progress notes (lines starting with {@code #})
 */
public record BenchContext(BenchSizes sizes, List<BenchPathFactory> paths, PrintWriter progress) {

    public BenchContext {
        paths = List.copyOf(paths);
    }

    public void note(String text) {
        progress.println("# " + text);
        progress.flush();
    }
}
