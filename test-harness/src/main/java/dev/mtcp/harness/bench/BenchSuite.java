package dev.mtcp.harness.bench;

import java.util.List;

/** The paths and benchmarks of the suite as built today. */
public final class BenchSuite {
    private BenchSuite() {}

    /** Baselines first: the direct path, then the relay chains, then mtcp. */
    public static List<BenchPathFactory> paths() {
        return List.of(new DirectPath(), RelayChainPath.socat(), RelayChainPath.haproxy(), new MtcpProxyPath(),
                new MtcpSocketPath());
    }

    public static List<Benchmark> benchmarks() {
        return List.of(
                new ThroughputBenchmark(),
                new LatencyBenchmark(),
                new PauseBenchmark(),
                new FailoverBenchmark(),
                new DrainBenchmark(),
                ScaleBenchmark.standard(),
                new CodecBenchmark());
    }
}
