package dev.mtcp.harness.bench;

import dev.mtcp.client.MigratorySocket;
import java.io.IOException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One crash: a fresh three-server cluster replicating in a ring (ack-on-replicate), one migratory
 * connection running the {@link TickService} stream on s1; once s2 holds the replica, s1 is killed
 * ({@code close()} in this JVM: its sockets close without a CLOSE frame, as the kernel closes them when
 * a server process is SIGKILLed). The gap is the longest gap between consecutive responses from the last
 * one before the kill through the next 50: with responses flowing every ~0.1 ms this is the client's
 * view of kill → first new downstream byte from the backup. Sequence numbers are checked throughout.
 */
final class FailoverRun {
    private static final int STATE_BYTES = 64 * 1024;
    private static final int RESPONSES_BEFORE_KILL = 50;
    private static final long TIMEOUT_SECONDS = 30;

    private FailoverRun() {}

    /** Returns the gap in nanoseconds. */
    static long killOnce() throws IOException {
        try (MtcpCluster cluster = MtcpCluster.start(3, TickService::serve, MtcpCluster.backupRing(3));
             MigratorySocket socket = MigratorySocket.connect(cluster.clientConfig())) {
            TickService.Client client = new TickService.Client(socket.getInputStream(), socket.getOutputStream(), STATE_BYTES);
            Semaphore responses = new Semaphore(0);
            AtomicLong lastArrival = new AtomicLong();
            AtomicLong killedAt = new AtomicLong(Long.MAX_VALUE);
            long[] around = new long[RESPONSES_BEFORE_KILL + 2];   // the last arrival before the kill, then those after
            int[] recorded = new int[1];
            AtomicBoolean stop = new AtomicBoolean();
            AtomicReference<Throwable> failure = new AtomicReference<>();
            Thread streamer = Thread.ofVirtual().name("bench-failover").start(() -> {
                try {
                    while (!stop.get()) {
                        client.next();
                        long now = System.nanoTime();
                        if (now <= killedAt.get()) {
                            lastArrival.set(now);
                        } else if (recorded[0] < around.length - 1) {
                            around[++recorded[0]] = now;
                        }
                        responses.release();
                    }
                } catch (IOException | RuntimeException e) {
                    failure.set(e);
                    responses.release(Integer.MAX_VALUE / 2);
                }
            });
            try {
                await(responses, RESPONSES_BEFORE_KILL, failure);
                awaitReplica(cluster, socket);
                await(responses, RESPONSES_BEFORE_KILL, failure);   // the replica is current, the stream flowing
                responses.drainPermits();
                killedAt.set(System.nanoTime());
                cluster.server(0).close();
                await(responses, RESPONSES_BEFORE_KILL, failure);
                if (socket.status().server().equals(cluster.server(0).id())) {
                    throw new IOException("after the kill the connection still names the killed server s1");
                }
            } finally {
                stop.set(true);
                joinBounded(streamer);
            }
            if (failure.get() != null) {
                throw new IOException("the stream broke: " + failure.get().getMessage(), failure.get());
            }
            around[0] = lastArrival.get();
            long longest = 0;
            for (int k = 1; k <= recorded[0]; k++) {
                longest = Math.max(longest, around[k] - around[k - 1]);
            }
            return longest;
        }
    }

    private static void joinBounded(Thread streamer) throws IOException {
        try {
            if (!streamer.join(java.time.Duration.ofSeconds(10))) {
                streamer.interrupt();
                throw new IOException("the stream did not finish its last request within 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /** Waits until s1's backup s2 holds a usable replica of this very connection. */
    private static void awaitReplica(MtcpCluster cluster, MigratorySocket socket) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
        while (!cluster.server(1).hasReplicaOf(socket.id())) {
            if (System.nanoTime() > deadline) {
                throw new IOException("s2 held no replica of s1's connection within " + TIMEOUT_SECONDS + " s");
            }
            Thread.onSpinWait();
            Thread.yield();
        }
    }

    private static void await(Semaphore responses, int count, AtomicReference<Throwable> failure) throws IOException {
        try {
            if (!responses.tryAcquire(count, TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                throw new IOException("the stream stalled: no " + count + " responses within " + TIMEOUT_SECONDS + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        if (failure.get() != null) {
            throw new IOException("the stream broke: " + failure.get().getMessage(), failure.get());
        }
    }
}
