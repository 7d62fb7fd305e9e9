package dev.mtcp.harness.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Scale: N concurrent idle connections on one server process (a child JVM holding only the server
 * side), heap after GC and RSS per connection, from the difference between the server's memory
 * before and after the connections opened. Baseline: a plain TCP echo server with one virtual
 * thread per connection. Target (issue 8): ≤ 64 KiB per idle migratory connection.
 */
public final class ScaleBenchmark implements Benchmark {
    static final double TARGET_KIB_PER_CONNECTION = 64;
    private static final int OPENERS = 16;
    private static final int PINGS_AFTER = 100;
    private static final long OPEN_TIMEOUT_SECONDS = 300;
    /** Heap growth of the server after which no more connections are opened (the machine is shared). */
    static final long HEAP_BUDGET_BYTES = 2L << 30;
    /** The server JVM's heap: room for the budget plus headroom, less for small runs (CI machines may be small). */
    static String serverMaxHeap(int connections) {
        long mib = Math.clamp(256 + connections, 512, (HEAP_BUDGET_BYTES >> 20) * 2);
        return mib + "m";
    }

    /** A server kind and how the client side opens idle connections to it. */
    record Subject(String path, ScaleServerKind server, IdleConnector connector) {}

    private final List<Subject> subjects;

    public ScaleBenchmark(List<Subject> subjects) {
        this.subjects = List.copyOf(subjects);
    }

    /** The plain TCP baseline and the mtcp server, each holding the same echo service. */
    public static ScaleBenchmark standard() {
        return new ScaleBenchmark(List.of(
                new Subject("plain-tcp", ScaleServerKind.PLAIN, IdleConnector.PLAIN),
                new Subject(Comparisons.MTCP, ScaleServerKind.MTCP, IdleConnector.MTCP)));
    }

    @Override
    public BenchKind kind() {
        return BenchKind.SCALE;
    }

    @Override
    public List<BenchResult> run(BenchContext context) throws IOException {
        int n = context.sizes().idleConnections();
        String row = "idle=" + n;
        Map<String, BenchResult> heap = new LinkedHashMap<>();
        Map<String, BenchResult> rss = new LinkedHashMap<>();
        for (Subject s : subjects) {
            context.note("scale: " + n + " idle connections on one " + s.path() + " server process");
            Sample m = measure(s, n);
            double heapKib = (m.after().heapUsedBytes() - m.before().heapUsedBytes()) / 1024.0 / m.connections();
            double rssKib = (m.after().rssBytes() - m.before().rssBytes()) / 1024.0 / m.connections();
            String note = (m.connections() < n ? "STOPPED at " + m.connections() + " of " + n + " connections: the server's heap grew past the "
                    + (HEAP_BUDGET_BYTES >> 30) + " GiB budget or the client JVM's heap is 60 % full; " : "")
                    + m.after().connections() + " connections held by the server (opened in " + m.openMillis()
                    + " ms); heap " + (m.before().heapUsedBytes() >> 20) + " -> " + (m.after().heapUsedBytes() >> 20)
                    + " MiB, RSS " + (m.before().rssBytes() >> 20) + " -> " + (m.after().rssBytes() >> 20) + " MiB";
            heap.put(s.path(), BenchResult.measured(kind(), row, s.path(), "heap", heapKib, "KiB/conn").withNote(note));
            rss.put(s.path(), BenchResult.measured(kind(), row, s.path(), "rss", rssKib, "KiB/conn").withNote(note));
        }
        List<BenchResult> out = new ArrayList<>();
        out.addAll(compare(heap));
        out.addAll(compare(rss));
        return out;
    }

    private List<BenchResult> compare(Map<String, BenchResult> byPath) {
        BenchResult base = byPath.get("plain-tcp");
        List<BenchResult> out = new ArrayList<>();
        for (BenchResult r : byPath.values()) {
            if (r == base) {
                out.add(r);
            } else {
                out.add(r.comparedWith(base).withTarget("<= " + (int) TARGET_KIB_PER_CONNECTION + " KiB/conn",
                        r.value() <= TARGET_KIB_PER_CONNECTION));
            }
        }
        return out;
    }

    /** Whether this JVM, which holds the client side of every connection, still has room for another batch. */
    private static boolean clientHeapLeft() {
        if (clientHeapBelowLimit()) {
            return true;
        }
        System.gc();   // what counts is the live heap, not garbage left by earlier benchmarks
        return clientHeapBelowLimit();
    }

    private static boolean clientHeapBelowLimit() {
        java.lang.management.MemoryUsage heap = java.lang.management.ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        return heap.getMax() <= 0 || heap.getUsed() < heap.getMax() * 6 / 10;
    }

    /** The server's memory before and after {@code connections} opened, and how long opening them took. */
    record Sample(ScaleServerProcess.Measurement before, ScaleServerProcess.Measurement after, int connections,
                  long openMillis) {}

    /**
     * Opens up to {@code n} connections in ten batches, measuring the server after each; stops early once
     * the server's heap grew by more than {@link #HEAP_BUDGET_BYTES}, so a heavy connection is measured
     * rather than taking the shared machine's memory.
     */
    private Sample measure(Subject s, int n) throws IOException {
        List<IdleConnector.IdleConnection> open = new ArrayList<>();
        int batch = Math.max(1, n / 10);
        try (ScaleServerProcess server = ScaleServerProcess.start(s.server(), serverMaxHeap(n))) {
            server.measure();   // the first measurement loads the management classes; only the second is the baseline
            ScaleServerProcess.Measurement before = server.measure();
            ScaleServerProcess.Measurement after = before;
            try {
                long t0 = System.nanoTime();
                while (open.size() < n && after.heapUsedBytes() - before.heapUsedBytes() <= HEAP_BUDGET_BYTES
                        && clientHeapLeft()) {
                    int count = Math.min(batch, n - open.size());
                    ParallelOpen.open(count, OPENERS, OPEN_TIMEOUT_SECONDS, i -> s.connector().open(server.address()), open);
                    after = server.measure();
                }
                long openMillis = (System.nanoTime() - t0) / 1_000_000;
                if (after.connections() < open.size()) {
                    throw new IOException("the " + s.path() + " server holds " + after.connections() + " of " + open.size()
                            + " connections");
                }
                for (IdleConnector.IdleConnection c : open.subList(0, Math.min(PINGS_AFTER, open.size()))) {
                    c.ping();
                }
                return new Sample(before, after, open.size(), openMillis);
            } finally {
                open.forEach(IdleConnector.IdleConnection::close);
            }
        }
    }
}
