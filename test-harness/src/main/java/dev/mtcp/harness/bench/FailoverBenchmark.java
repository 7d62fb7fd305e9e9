package dev.mtcp.harness.bench;

import dev.mtcp.client.ClientConfig;
import dev.mtcp.client.ServiceEndpoint;
import dev.mtcp.server.Durability;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Crash failover (issue 4). Gap: {@link FailoverRun} kills the serving server N times (a fresh
 * three-server ring each time) and takes the client-observed gap; p50/p99, compared with the live
 * migration pause of the same connection shape. Throughput: bulk download over a migratory socket to a
 * server that replicates to a backup with ack-on-replicate, against the same two-server setup without
 * replication (ack-on-receive), interleaved. Targets: gap ≤ deadAfter + 10 ms; replication costs ≤ 15 %.
 */
public final class FailoverBenchmark implements Benchmark {
    static final double TARGET_REPLICATION_RATIO = 0.85;
    private static final long BULK_BYTES_DIVISOR = 4;

    @Override
    public BenchKind kind() {
        return BenchKind.FAILOVER;
    }

    @Override
    public List<BenchResult> run(BenchContext context) throws IOException {
        BenchSizes sizes = context.sizes();
        int kills = Math.max(3, sizes.migrationsPerStateSize() * 5);
        List<BenchResult> out = new ArrayList<>(gapRows(context, kills));
        out.addAll(replicationRows(context));
        return out;
    }

    private List<BenchResult> gapRows(BenchContext context, int kills) throws IOException {
        context.note("failover: " + kills + " kills of the serving server (fresh 3-server ring each), 64 KiB state");
        long[] gaps = new long[kills];
        for (int i = 0; i < kills; i++) {
            gaps[i] = FailoverRun.killOnce();
        }
        Percentiles p = Percentiles.of(gaps);
        double deadAfterMillis = ClientConfig.of(MtcpCluster.SERVICE, List.of(new ServiceEndpoint("s1",
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 1)))).deadAfter().toMillis();   // the default
        String target = "<= deadAfter + 10 ms = " + (long) (deadAfterMillis + 10) + " ms";
        String note = kills + " kills (server closed in-process; its sockets close without CLOSE), every response in order";
        return List.of(
                BenchResult.measured(kind(), "kill", Comparisons.MTCP, "gap-p50", p.p50Nanos() / 1e6, "ms").withNote(note)
                        .withTarget(target, p.p50Nanos() / 1e6 <= deadAfterMillis + 10),
                BenchResult.measured(kind(), "kill", Comparisons.MTCP, "gap-p99", p.p99Nanos() / 1e6, "ms").withNote(note)
                        .withTarget(target, p.p99Nanos() / 1e6 <= deadAfterMillis + 10));
    }

    private List<BenchResult> replicationRows(BenchContext context) throws IOException {
        BenchSizes sizes = context.sizes();
        long bytes = Math.max(1, sizes.bulkBytesPerRun() / BULK_BYTES_DIVISOR);
        context.note("failover: " + sizes.bulkRepetitions() + " x " + (bytes >> 20)
                + " MiB bulk download, ack-on-receive (no backup) vs ack-on-replicate (backup s2), interleaved");
        Map<String, long[]> elapsed = new LinkedHashMap<>();
        try (MtcpCluster receive = MtcpCluster.start(2, OriginService.BULK::serve,
                     cfg -> cfg.withDurability(Durability.ACK_ON_RECEIVE));
             MtcpCluster replicate = MtcpCluster.start(2, OriginService.BULK::serve, MtcpCluster.backupRing(2));
             BulkClient onReceive = new BulkClient(socketPath(receive), 1);
             BulkClient onReplicate = new BulkClient(socketPath(replicate), 1)) {
            onReceive.download(Math.min(bytes, 4L << 20));
            onReplicate.download(Math.min(bytes, 4L << 20));
            elapsed.put("ack-on-receive", new long[sizes.bulkRepetitions()]);
            elapsed.put("ack-on-replicate", new long[sizes.bulkRepetitions()]);
            for (int rep = 0; rep < sizes.bulkRepetitions(); rep++) {
                elapsed.get("ack-on-receive")[rep] = onReceive.download(bytes);
                elapsed.get("ack-on-replicate")[rep] = onReplicate.download(bytes);
            }
        }
        String note = "median of " + sizes.bulkRepetitions() + " x " + (bytes >> 20) + " MiB, migratory socket, 1 stream";
        BenchResult base = BenchResult.measured(kind(), "durability", "ack-on-receive", "throughput",
                mibPerSecond(bytes, elapsed.get("ack-on-receive")), "MiB/s").withNote(note + ", no backup");
        BenchResult repl = BenchResult.measured(kind(), "durability", "ack-on-replicate", "throughput",
                mibPerSecond(bytes, elapsed.get("ack-on-replicate")), "MiB/s").withNote(note + ", backup s2")
                .comparedWith(base);
        return List.of(base, repl.withTarget(">= " + TARGET_REPLICATION_RATIO + " x ack-on-receive",
                repl.ratio() != null && repl.ratio() >= TARGET_REPLICATION_RATIO));
    }

    private static double mibPerSecond(long bytes, long[] elapsedNanos) {
        return (bytes / (1024.0 * 1024.0)) / (ThroughputBenchmark.median(elapsedNanos) / 1e9);
    }

    /** A path whose connections are migratory sockets to {@code cluster} (the first server preferred). */
    private static BenchPath socketPath(MtcpCluster cluster) {
        return new BenchPath() {
            @Override
            public String name() {
                return Comparisons.MTCP;
            }

            @Override
            public BenchConnection connect() throws IOException {
                dev.mtcp.client.MigratorySocket s = dev.mtcp.client.MigratorySocket.connect(cluster.clientConfig());
                return new BenchConnection(s.getInputStream(), s.getOutputStream(), s);
            }

            @Override
            public void close() {
                // the cluster is closed by its owner
            }
        };
    }
}
