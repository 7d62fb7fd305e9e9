package dev.mtcp.harness.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Bulk throughput (server → client), one stream and N parallel streams, over every path. Connections
 * stay open and are warmed up first; then the repetitions run with the paths interleaved (direct,
 * socat, haproxy, mtcp, direct, ...) so that background noise hits all of them alike; the median
 * repetition is reported. Target (issue 8): mtcp ≥ 0.9 × the socat chain.
 */
public final class ThroughputBenchmark implements Benchmark {
    static final double TARGET_RATIO = 0.9;
    private static final long WARMUP_BYTES = 4L << 20;

    @Override
    public BenchKind kind() {
        return BenchKind.THROUGHPUT;
    }

    @Override
    public List<BenchResult> run(BenchContext context) throws IOException {
        BenchSizes sizes = context.sizes();
        List<BenchResult> results = new ArrayList<>();
        try (OpenPaths paths = new OpenPaths(context.paths(), OriginService.BULK, context)) {
            for (int streams : List.of(1, sizes.parallelStreams())) {
                results.addAll(measure(context, paths, streams));
            }
        }
        return results;
    }

    private List<BenchResult> measure(BenchContext context, OpenPaths paths, int streams) throws IOException {
        BenchSizes sizes = context.sizes();
        String row = "streams=" + streams;
        long perStream = Math.max(1, sizes.bulkBytesPerRun() / streams);
        Map<String, BulkClient> clients = new LinkedHashMap<>();
        Map<String, long[]> elapsed = new LinkedHashMap<>();
        try {
            for (BenchPath p : paths.running().values()) {
                BulkClient c = new BulkClient(p, streams);
                clients.put(p.name(), c);
                c.download(Math.min(perStream, WARMUP_BYTES));
                elapsed.put(p.name(), new long[sizes.bulkRepetitions()]);
            }
            context.note("throughput " + row + ": " + sizes.bulkRepetitions() + " x " + (perStream * streams >> 20)
                    + " MiB over " + String.join(", ", clients.keySet()));
            for (int rep = 0; rep < sizes.bulkRepetitions(); rep++) {
                for (Map.Entry<String, BulkClient> e : clients.entrySet()) {
                    elapsed.get(e.getKey())[rep] = e.getValue().download(perStream);
                }
            }
        } finally {
            clients.values().forEach(BulkClient::close);
        }
        Map<String, BenchResult> byPath = new LinkedHashMap<>();
        for (BenchPathFactory f : context.paths()) {
            String name = f.name();
            if (elapsed.containsKey(name)) {
                double mibPerSec = (perStream * streams / (1024.0 * 1024.0)) / (median(elapsed.get(name)) / 1e9);
                byPath.put(name, BenchResult.measured(kind(), row, name, "throughput", mibPerSec, "MiB/s")
                        .withNote("median of " + sizes.bulkRepetitions() + " x " + (perStream * streams >> 20) + " MiB"));
            } else {
                byPath.put(name, BenchResult.skipped(kind(), row, name, "throughput", "MiB/s",
                        paths.unavailable().getOrDefault(name, "did not start")));
            }
        }
        return Comparisons.compare(byPath, r -> r.withTarget(">= " + TARGET_RATIO + " x " + r.baseline(),
                r.ratio() != null && r.ratio() >= TARGET_RATIO));
    }

    static double median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
    }
}
