package dev.mtcp.harness.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

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

    /** A server kind and how the client side opens idle connections to it. */
    record Subject(String path, ScaleServerKind server, IdleConnector connector) {}

    private final List<Subject> subjects;

    public ScaleBenchmark(List<Subject> subjects) {
        this.subjects = List.copyOf(subjects);
    }

    /** The subjects that exist in every build: the plain TCP baseline. */
    public static ScaleBenchmark baselineOnly() {
        return new ScaleBenchmark(List.of(new Subject("plain-tcp", ScaleServerKind.PLAIN, IdleConnector.PLAIN)));
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
            ScaleServerProcess.Measurement[] m = measure(s, n);
            double heapKib = (m[1].heapUsedBytes() - m[0].heapUsedBytes()) / 1024.0 / n;
            double rssKib = (m[1].rssBytes() - m[0].rssBytes()) / 1024.0 / n;
            String note = m[1].connections() + " connections held by the server; heap "
                    + (m[0].heapUsedBytes() >> 20) + " -> " + (m[1].heapUsedBytes() >> 20) + " MiB, RSS "
                    + (m[0].rssBytes() >> 20) + " -> " + (m[1].rssBytes() >> 20) + " MiB";
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

    private ScaleServerProcess.Measurement[] measure(Subject s, int n) throws IOException {
        ConcurrentLinkedQueue<IdleConnector.IdleConnection> open = new ConcurrentLinkedQueue<>();
        try (ScaleServerProcess server = ScaleServerProcess.start(s.server(), "2g")) {
            ScaleServerProcess.Measurement before = server.measure();
            try {
                openAll(s.connector(), server, n, open);
                ScaleServerProcess.Measurement after = server.measure();
                if (after.connections() < n) {
                    throw new IOException("the " + s.path() + " server holds " + after.connections() + " of " + n
                            + " connections");
                }
                int pinged = 0;
                for (IdleConnector.IdleConnection c : open) {
                    if (pinged++ >= PINGS_AFTER) {
                        break;
                    }
                    c.ping();
                }
                return new ScaleServerProcess.Measurement[] {before, after};
            } finally {
                open.forEach(IdleConnector.IdleConnection::close);
            }
        }
    }

    private static void openAll(IdleConnector connector, ScaleServerProcess server, int n,
                                ConcurrentLinkedQueue<IdleConnector.IdleConnection> open) throws IOException {
        ExecutorService openers = Executors.newVirtualThreadPerTaskExecutor();
        try {
            List<Future<?>> work = new ArrayList<>();
            for (int w = 0; w < OPENERS; w++) {
                int count = n / OPENERS + (w < n % OPENERS ? 1 : 0);
                work.add(openers.submit(() -> {
                    for (int i = 0; i < count; i++) {
                        open.add(connector.open(server.address()));
                    }
                    return null;
                }));
            }
            for (Future<?> f : work) {
                f.get(OPEN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            }
        } catch (ExecutionException e) {
            throw new IOException("opening idle connections failed after " + open.size() + ": " + e.getCause(),
                    e.getCause());
        } catch (TimeoutException e) {
            throw new IOException("opening " + n + " idle connections took over " + OPEN_TIMEOUT_SECONDS + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } finally {
            openers.shutdownNow();
        }
    }
}
