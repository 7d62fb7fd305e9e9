package dev.mtcp.harness.bench;

import dev.mtcp.client.MigrationEvent;
import dev.mtcp.client.MigrationListener;
import dev.mtcp.client.MigratorySocket;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Mass drain: N migratory echo connections on server s1; {@code s1.drain(s2)} hints every one of them
 * away; the figure is the time from the drain call until the last connection completed its move to s2.
 * Afterwards every connection must still echo correctly (none dropped) and s1 must hold none.
 * Baseline: what a plain TCP client does instead — N connections closed and reopened (with one echo
 * each) to a plain server, all at once. Target (issue 8): all moved within 1 s, none dropped.
 */
public final class DrainBenchmark implements Benchmark {
    static final double TARGET_MILLIS = 1000;
    private static final int OPENERS = 16;
    private static final long TIMEOUT_SECONDS = 120;

    @Override
    public BenchKind kind() {
        return BenchKind.DRAIN;
    }

    @Override
    public List<BenchResult> run(BenchContext context) throws IOException {
        int n = context.sizes().drainConnections();
        String row = "connections=" + n;
        context.note("drain: " + n + " plain TCP connections closed and reopened (baseline)");
        BenchResult base = BenchResult.measured(kind(), row, "plain-reconnect", "all-moved", reconnectMillis(n), "ms")
                .withNote(n + " plain TCP connections closed, reopened and echoed once, all at once");
        context.note("drain: " + n + " migratory connections moved off s1 by s1.drain(s2)");
        BenchResult mtcp = drainMtcp(n, row).comparedWith(base);
        return List.of(base, mtcp);
    }

    private BenchResult drainMtcp(int n, String row) throws IOException {
        List<EchoClient> clients = new ArrayList<>();
        try (MtcpCluster cluster = MtcpCluster.start(2, OriginService.ECHO::serve)) {
            String to = cluster.server(1).id();
            CountDownLatch moved = new CountDownLatch(n);
            MigrationListener onMoved = new MigrationListener() {
                @Override
                public void onMigrated(MigrationEvent e) {
                    if (e.toServer().equals(to)) {
                        moved.countDown();
                    }
                }
            };
            ParallelOpen.open(n, OPENERS, TIMEOUT_SECONDS, i -> {
                MigratorySocket s = MigratorySocket.connect(cluster.clientConfig(), List.of(onMoved), List.of());
                EchoClient c = new EchoClient(s.getInputStream(), s.getOutputStream(), s);
                c.roundTrip();
                return c;
            }, clients);
            long t0 = System.nanoTime();
            int hinted = cluster.server(0).drain(Optional.of(to));
            boolean all = awaitLatch(moved);
            double millis = (System.nanoTime() - t0) / 1e6;
            int alive = countAlive(clients);
            int left = cluster.server(0).connections().size();
            long movedCount = n - moved.getCount();
            String note = "hinted " + hinted + ", moved " + movedCount + "/" + n + ", echo after move ok " + alive + "/" + n
                    + ", left on s1 " + left;
            if (!all) {
                return BenchResult.measured(kind(), row, Comparisons.MTCP, "all-moved", millis, "ms")
                        .withNote("NOT all moved within " + TIMEOUT_SECONDS + " s: " + note)
                        .withTarget("<= " + (int) TARGET_MILLIS + " ms, none dropped", false);
            }
            return BenchResult.measured(kind(), row, Comparisons.MTCP, "all-moved", millis, "ms").withNote(note)
                    .withTarget("<= " + (int) TARGET_MILLIS + " ms, none dropped",
                            millis <= TARGET_MILLIS && alive == n && left == 0);
        } finally {
            clients.forEach(EchoClient::close);
        }
    }

    private static boolean awaitLatch(CountDownLatch latch) throws IOException {
        try {
            return latch.await(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private static int countAlive(List<EchoClient> clients) {
        AtomicInteger ok = new AtomicInteger();
        for (EchoClient c : clients) {
            try {
                c.roundTrip();
                ok.incrementAndGet();
            } catch (IOException e) {
                // counted as dropped: the row's note and target say how many
            }
        }
        return ok.get();
    }

    /** Opens n plain echo connections, then closes and reopens all of them at once; returns the reopen time. */
    private static double reconnectMillis(int n) throws IOException {
        try (PlainOrigin origin = PlainOrigin.start(OriginService.ECHO)) {
            InetSocketAddress address = origin.address();
            List<EchoClient> first = new ArrayList<>();
            List<EchoClient> second = new ArrayList<>();
            try {
                ParallelOpen.open(n, OPENERS, TIMEOUT_SECONDS, i -> {
                    EchoClient c = new EchoClient(address);
                    c.roundTrip();
                    return c;
                }, first);
                long t0 = System.nanoTime();
                ParallelOpen.open(n, n, TIMEOUT_SECONDS, i -> {
                    first.get(i).close();
                    EchoClient c = new EchoClient(address);
                    c.roundTrip();
                    return c;
                }, second);
                return (System.nanoTime() - t0) / 1e6;
            } finally {
                first.forEach(EchoClient::close);
                second.forEach(EchoClient::close);
            }
        }
    }
}
