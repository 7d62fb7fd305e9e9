package dev.mtcp.harness.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * Request/response latency: 1 KiB echo round trips on one connection per path, p50/p99/p999 from the
 * sorted samples. The samples are taken in rounds with the paths interleaved. Target (issue 8): mtcp
 * p50 ≤ socat chain p50 + 30 µs.
 */
public final class LatencyBenchmark implements Benchmark {
    static final double TARGET_P50_EXTRA_MICROS = 30;

    @Override
    public BenchKind kind() {
        return BenchKind.LATENCY;
    }

    @Override
    public List<BenchResult> run(BenchContext context) throws IOException {
        BenchSizes sizes = context.sizes();
        Map<String, long[]> samples = new LinkedHashMap<>();
        Map<String, String> unavailable;
        try (OpenPaths paths = new OpenPaths(context.paths(), OriginService.ECHO, context)) {
            unavailable = paths.unavailable();
            Map<String, EchoClient> clients = new LinkedHashMap<>();
            try {
                for (BenchPath p : paths.running().values()) {
                    EchoClient c = new EchoClient(p.connect());
                    clients.put(p.name(), c);
                    for (int i = 0; i < sizes.echoWarmup(); i++) {
                        c.roundTrip();
                    }
                    samples.put(p.name(), new long[sizes.echoSamples()]);
                }
                context.note("latency: " + sizes.echoSamples() + " x 1 KiB echo over " + String.join(", ", clients.keySet()));
                sample(clients, samples, sizes);
            } finally {
                clients.values().forEach(EchoClient::close);
            }
        }
        List<BenchResult> results = new ArrayList<>();
        results.addAll(percentileRows(context, samples, unavailable, "p50", Percentiles::p50Nanos));
        results.addAll(percentileRows(context, samples, unavailable, "p99", Percentiles::p99Nanos));
        results.addAll(percentileRows(context, samples, unavailable, "p999", Percentiles::p999Nanos));
        return results;
    }

    private static void sample(Map<String, EchoClient> clients, Map<String, long[]> samples, BenchSizes sizes)
            throws IOException {
        int perRound = (sizes.echoSamples() + sizes.echoRounds() - 1) / sizes.echoRounds();
        int taken = 0;
        while (taken < sizes.echoSamples()) {
            int end = Math.min(sizes.echoSamples(), taken + perRound);
            for (Map.Entry<String, EchoClient> e : clients.entrySet()) {
                long[] into = samples.get(e.getKey());
                for (int i = taken; i < end; i++) {
                    into[i] = e.getValue().roundTrip();
                }
            }
            taken = end;
        }
    }

    private List<BenchResult> percentileRows(BenchContext context, Map<String, long[]> samples,
                                             Map<String, String> unavailable, String metric,
                                             ToLongFunction<Percentiles> pick) {
        String row = "echo=1KiB";
        Map<String, BenchResult> byPath = new LinkedHashMap<>();
        for (BenchPathFactory f : context.paths()) {
            long[] s = samples.get(f.name());
            if (s == null) {
                byPath.put(f.name(), BenchResult.skipped(kind(), row, f.name(), metric, "us",
                        unavailable.getOrDefault(f.name(), "did not start")));
            } else {
                double micros = pick.applyAsLong(Percentiles.of(s)) / 1000.0;
                byPath.put(f.name(), BenchResult.measured(kind(), row, f.name(), metric, micros, "us")
                        .withNote(s.length + " round trips"));
            }
        }
        return Comparisons.compare(byPath, r -> metric.equals("p50") && r.baselineValue() != null
                ? r.withTarget("<= " + r.baseline() + " p50 + " + (int) TARGET_P50_EXTRA_MICROS + " us",
                        r.value() <= r.baselineValue() + TARGET_P50_EXTRA_MICROS)
                : r);
    }
}
