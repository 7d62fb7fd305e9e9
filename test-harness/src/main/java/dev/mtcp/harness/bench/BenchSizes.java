package dev.mtcp.harness.bench;

import java.util.List;

/**
 * Every count and size a benchmark run uses.
 *
 * @param bulkBytesPerRun bytes moved per throughput measurement (split evenly over the streams)
 * @param bulkRepetitions throughput measurements per path and stream count (the median is reported)
 * @param parallelStreams the stream count of the multi-stream throughput row (the other is 1)
 * @param echoWarmup echo round trips per path thrown away before measuring
 * @param echoSamples echo round trips measured per path
 * @param echoRounds the samples are taken in this many rounds, the paths interleaved, to share noise
 * @param stateSizesBytes app state sizes of the migration-pause rows
 * @param migrationsPerStateSize live migrations per state size
 * @param liveMigrations live migrations of the p50/p99 row (64 KiB state)
 * @param drainConnections connections moved off one server by the mass-drain row
 * @param idleConnections idle connections held by one server process in the scale row
 * @param codecQuick run JMH in-process with one short iteration instead of forked with full iterations
 */
public record BenchSizes(
        long bulkBytesPerRun, int bulkRepetitions, int parallelStreams,
        int echoWarmup, int echoSamples, int echoRounds,
        List<Integer> stateSizesBytes, int migrationsPerStateSize, int liveMigrations,
        int drainConnections, int idleConnections, boolean codecQuick) {

    public BenchSizes {
        stateSizesBytes = List.copyOf(stateSizesBytes);
        if (bulkBytesPerRun <= 0 || bulkRepetitions <= 0 || parallelStreams <= 0 || echoSamples <= 0
                || echoRounds <= 0 || migrationsPerStateSize <= 0 || liveMigrations <= 0
                || drainConnections <= 0 || idleConnections <= 0 || echoWarmup < 0) {
            throw new IllegalArgumentException("every benchmark count must be positive");
        }
    }
}
