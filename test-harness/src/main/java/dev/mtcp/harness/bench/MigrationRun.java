package dev.mtcp.harness.bench;

import dev.mtcp.client.MigrationEvent;
import dev.mtcp.client.MigrationListener;
import dev.mtcp.client.MigratorySocket;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One migratory connection running the {@link TickService} request/response stream on its own thread
 * while the caller migrates it back and forth between two servers of a {@link MtcpCluster}. Records the
 * arrival time of every response and the request/completion time of every migration, for
 * {@link PauseAnalysis}. Every response's sequence number is checked: nothing lost, repeated or reordered.
 */
final class MigrationRun {
    private static final int RESPONSES_BETWEEN_MIGRATIONS = 20;
    private static final long MIGRATION_TIMEOUT_SECONDS = 30;
    /** Bound on recorded responses (about 800 MiB of arrival times would be far beyond any run of the suite). */
    private static final int MAX_RESPONSES = 100_000_000;

    /**
     * @param pausesNanos the client-observed pause of each migration (from the response arrival times)
     * @param steadyGapsNanos gaps between consecutive responses outside every migration
     * @param stackPausesNanos the pauses the client stack itself reported ({@code onPauseMeasured}), a cross-check
     */
    record Outcome(long[] pausesNanos, long[] steadyGapsNanos, long[] stackPausesNanos, long responses) {}

    private MigrationRun() {}

    static Outcome run(MtcpCluster cluster, int stateBytes, int migrations) throws IOException {
        long[][] arrivals = {new long[(migrations + 2) * RESPONSES_BETWEEN_MIGRATIONS * 2 + 1_000]};
        long[] requested = new long[migrations];
        long[] completed = new long[migrations];
        Semaphore responses = new Semaphore(0);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        int[] recorded = new int[1];
        AtomicBoolean stop = new AtomicBoolean();
        java.util.Queue<Long> stackPauses = new java.util.concurrent.ConcurrentLinkedQueue<>();
        MigrationListener pauseListener = new MigrationListener() {
            @Override
            public void onPauseMeasured(MigrationEvent e) {
                e.pause().ifPresent(p -> stackPauses.add(p.toNanos()));
            }
        };
        try (MigratorySocket socket = MigratorySocket.connect(cluster.clientConfig(), List.of(pauseListener), List.of())) {
            TickService.Client client = new TickService.Client(socket.getInputStream(), socket.getOutputStream(), stateBytes);
            Thread streamer = Thread.ofVirtual().name("bench-tick").start(() -> {
                try {
                    while (!stop.get() && recorded[0] < MAX_RESPONSES) {
                        client.next();
                        if (recorded[0] == arrivals[0].length) {
                            arrivals[0] = Arrays.copyOf(arrivals[0], arrivals[0].length * 2);
                        }
                        arrivals[0][recorded[0]++] = System.nanoTime();
                        responses.release();
                    }
                } catch (IOException | RuntimeException e) {
                    failure.set(e);
                    responses.release(Integer.MAX_VALUE / 2);
                }
            });
            try {
                awaitResponses(responses, failure);
                for (int m = 0; m < migrations; m++) {
                    String target = socket.status().server().equals(cluster.server(0).id())
                            ? cluster.server(1).id() : cluster.server(0).id();
                    requested[m] = System.nanoTime();
                    migrate(socket, target, m);
                    completed[m] = System.nanoTime();
                    awaitResponses(responses, failure);
                }
            } finally {
                stop.set(true);
                joinQuietly(streamer);
            }
        }
        if (failure.get() != null) {
            throw new IOException("the stream broke: " + failure.get().getMessage(), failure.get());
        }
        int n = recorded[0];
        return new Outcome(PauseAnalysis.pauses(arrivals[0], n, requested, completed),
                PauseAnalysis.steadyGaps(arrivals[0], n, requested, completed),
                stackPauses.stream().mapToLong(Long::longValue).toArray(), n);
    }

    private static void migrate(MigratorySocket socket, String target, int m) throws IOException {
        try {
            MigrationEvent e = socket.migrate(target, "bench").get(MIGRATION_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            if (!e.toServer().equals(target)) {
                throw new IOException("migration " + m + " went to " + e.toServer() + " instead of " + target);
            }
        } catch (ExecutionException e) {
            throw new IOException("migration " + m + " to " + target + " failed: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IOException("migration " + m + " to " + target + " took over " + MIGRATION_TIMEOUT_SECONDS + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private static void awaitResponses(Semaphore responses, AtomicReference<Throwable> failure) throws IOException {
        try {
            if (!responses.tryAcquire(RESPONSES_BETWEEN_MIGRATIONS, MIGRATION_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                throw new IOException("the stream stalled: no " + RESPONSES_BETWEEN_MIGRATIONS + " responses within "
                        + MIGRATION_TIMEOUT_SECONDS + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        if (failure.get() != null) {
            throw new IOException("the stream broke: " + failure.get().getMessage(), failure.get());
        }
    }

    /** Waits for the stream thread to finish its current request; past 10 s it is interrupted and reported. */
    private static void joinQuietly(Thread t) throws IOException {
        try {
            if (!t.join(java.time.Duration.ofSeconds(10))) {
                t.interrupt();
                throw new IOException("the tick stream did not finish its last request within 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
