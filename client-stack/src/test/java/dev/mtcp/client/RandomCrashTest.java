package dev.mtcp.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mtcp.server.apps.EchoApp;
import dev.mtcp.server.apps.StreamApp;
import dev.mtcp.server.apps.StreamSequence;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Fifty crashes at random moments (mid-stream, so during checkpoints and replication; a third of
 * them right after a live migration was started, crashing its source or its target) across two
 * three-server clusters, one streaming and one echoing; every crashed server restarts empty at the
 * same address. Every byte of every connection must arrive exactly once, in order.
 */
@Timeout(150)
class RandomCrashTest {
    private static final int CRASHES = 50;
    private static final int CONNECTIONS_PER_CLUSTER = 3;
    private static final Duration AWAIT = Duration.ofSeconds(15);

    private final AtomicBoolean running = new AtomicBoolean(true);
    private final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();

    private record Conn(MigratorySocket socket, AtomicLong progress, CompletableFuture<String> done) {
    }

    @Test
    void shouldLoseNoByteWhenFiftyCrashesHitAtRandomMoments() throws Exception {
        try (FailoverCluster streams = new FailoverCluster(3, new StreamApp());
             FailoverCluster echoes = new FailoverCluster(3, new EchoApp())) {
            streams.startAll();
            echoes.startAll();
            streams.awaitReplicationReady(AWAIT);
            echoes.awaitReplicationReady(AWAIT);
            List<Conn> streamConns = new ArrayList<>();
            List<Conn> echoConns = new ArrayList<>();
            for (int i = 0; i < CONNECTIONS_PER_CLUSTER; i++) {
                streamConns.add(streamWorker(MigratorySocket.connect(streams.clientConfig()), 100 + i));
                echoConns.add(echoWorker(MigratorySocket.connect(echoes.clientConfig()), 200 + i));
            }
            SplittableRandom rnd = new SplittableRandom(4);
            for (int k = 0; k < CRASHES; k++) {
                boolean even = k % 2 == 0;
                crashOnce(even ? streams : echoes, even ? streamConns : echoConns, rnd, k);
                assertThat(failures).as("after crash #" + k).isEmpty();
            }
            running.set(false);
            for (Conn c : concat(streamConns, echoConns)) {
                assertThat(c.done().get(60, TimeUnit.SECONDS)).isEqualTo("ok");
            }
            assertThat(failures).isEmpty();
            long failovers = concat(streamConns, echoConns).stream().mapToLong(c -> c.socket().status().migrations()).sum();
            assertThat(failovers).isGreaterThanOrEqualTo(CRASHES / 2);
            concat(streamConns, echoConns).forEach(c -> c.socket().close());
        }
    }

    private void crashOnce(FailoverCluster cluster, List<Conn> conns, SplittableRandom rnd, int k) {
        long[] before = conns.stream().mapToLong(c -> c.progress().get()).toArray();
        await(() -> cluster.replicationReady() && allOpen(conns) && progressed(conns, before), "ready before crash #" + k);
        String victim;
        if (rnd.nextInt(3) == 0) {
            // during another migration: start one, then crash its source or its target at once
            Conn moving = conns.get(rnd.nextInt(conns.size()));
            String from = moving.socket().status().server();
            List<String> others = cluster.ids().stream().filter(id -> !id.equals(from)).toList();
            String to = others.get(rnd.nextInt(others.size()));
            moving.socket().migrate(to, "test move before crash #" + k);
            LockSupport.parkNanos(rnd.nextLong(2_000_000L));
            victim = rnd.nextBoolean() ? from : to;
        } else {
            LockSupport.parkNanos(rnd.nextLong(20_000_000L));
            Conn target = conns.get(rnd.nextInt(conns.size()));
            victim = target.socket().status().server();
            if (victim.isEmpty()) victim = cluster.ids().get(rnd.nextInt(cluster.ids().size()));
        }
        cluster.crash(victim);
        String crashed = victim;
        await(() -> allOpen(conns) && conns.stream().noneMatch(c -> c.socket().status().server().equals(crashed)),
                "connections moved off " + crashed + " after crash #" + k);
        try {
            cluster.start(crashed);
        } catch (java.io.IOException e) {
            String ss;
            try {
                Process p = new ProcessBuilder("ss", "-tanp").redirectErrorStream(true).start();
                ss = new String(p.getInputStream().readAllBytes()).lines()
                        .filter(l -> l.contains(":" + cluster.address(crashed).getPort() + " ")).toList().toString();
            } catch (java.io.IOException x) {
                ss = x.toString();
            }
            throw new AssertionError("restart of " + crashed + " failed; port holders: " + ss, e);
        }
    }

    private static boolean allOpen(List<Conn> conns) {
        return conns.stream().allMatch(c -> c.socket().status().state().equals("OPEN"));
    }

    private static boolean progressed(List<Conn> conns, long[] before) {
        for (int i = 0; i < conns.size(); i++) {
            if (conns.get(i).progress().get() <= before[i] && !conns.get(i).done().isDone()) return false;
        }
        return true;
    }

    private void await(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + AWAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (!failures.isEmpty()) throw new AssertionError(what + ": " + failures);
            if (System.nanoTime() > deadline) throw new AssertionError("not " + what + " within " + AWAIT);
            LockSupport.parkNanos(2_000_000L);   // polling the condition, bounded by the deadline
        }
    }

    /** Requests streams of random length, one after another, and checks every byte. */
    private Conn streamWorker(MigratorySocket s, long seed) {
        AtomicLong progress = new AtomicLong();
        CompletableFuture<String> done = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            SplittableRandom rnd = new SplittableRandom(seed);
            try {
                OutputStream out = s.getOutputStream();
                InputStream in = s.getInputStream();
                byte[] buf = new byte[64 * 1024];
                byte[] expected = new byte[buf.length];
                for (long req = 0; running.get(); req++) {
                    long length = 64 * 1024 + rnd.nextLong(1_500_000L);
                    long streamSeed = seed * 1_000_000 + req;
                    out.write(("STREAM " + length + " " + streamSeed + "\n").getBytes(StandardCharsets.US_ASCII));
                    long pos = 0;
                    while (pos < length) {
                        int n = in.read(buf, 0, (int) Math.min(buf.length, length - pos));
                        if (n < 0) throw new AssertionError("EOF at " + pos + " of " + length);
                        StreamSequence.fill(streamSeed, pos, expected, 0, n);
                        for (int i = 0; i < n; i++) {
                            if (buf[i] != expected[i]) throw new AssertionError("stream " + streamSeed + ": wrong byte at " + (pos + i));
                        }
                        pos += n;
                        progress.addAndGet(n);
                    }
                }
                done.complete("ok");
            } catch (Throwable t) {
                failures.add("stream " + seed + ": " + t);
                done.complete(t.toString());
            }
        });
        return new Conn(s, progress, done);
    }

    /** Writes a position-keyed sequence in random chunks while reading the echo back and checking it. */
    private Conn echoWorker(MigratorySocket s, long seed) {
        AtomicLong progress = new AtomicLong();
        AtomicLong written = new AtomicLong(-1);
        CompletableFuture<String> done = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            SplittableRandom rnd = new SplittableRandom(seed);
            try {
                OutputStream out = s.getOutputStream();
                byte[] buf = new byte[80 * 1024];
                long pos = 0;
                while (running.get()) {
                    int n = 1 + rnd.nextInt(buf.length);
                    StreamSequence.fill(seed, pos, buf, 0, n);
                    out.write(buf, 0, n);
                    pos += n;
                    if (rnd.nextInt(4) == 0) LockSupport.parkNanos(rnd.nextLong(1_000_000L));
                }
                written.set(pos);
                s.shutdownOutput();
            } catch (Throwable t) {
                failures.add("echo " + seed + " writer: " + t);
            }
        });
        Thread.ofVirtual().start(() -> {
            try {
                InputStream in = s.getInputStream();
                byte[] buf = new byte[64 * 1024];
                byte[] expected = new byte[buf.length];
                long pos = 0;
                int n;
                while ((n = in.read(buf)) >= 0) {
                    StreamSequence.fill(seed, pos, expected, 0, n);
                    for (int i = 0; i < n; i++) {
                        if (buf[i] != expected[i]) throw new AssertionError("echo " + seed + ": wrong byte at " + (pos + i));
                    }
                    pos += n;
                    progress.addAndGet(n);
                }
                if (pos != written.get()) throw new AssertionError("echo " + seed + ": got " + pos + " of " + written.get());
                done.complete("ok");
            } catch (Throwable t) {
                failures.add("echo " + seed + " reader: " + t);
                done.complete(t.toString());
            }
        });
        return new Conn(s, progress, done);
    }

    private static List<Conn> concat(List<Conn> a, List<Conn> b) {
        List<Conn> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }
}
