package dev.mtcp.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mtcp.server.MigratoryServer;
import dev.mtcp.server.apps.EchoApp;
import dev.mtcp.server.apps.StreamApp;
import dev.mtcp.server.apps.StreamSequence;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 3's main in-JVM test: 3 servers per app, 20 concurrent connections (10 echo, 10 stream), 100
 * migrations at random moments while data flows both ways (back-to-back ones included, and moves back
 * to servers left earlier), every byte checked at its offset and by SHA-256 in both directions.
 */
@Timeout(120)
class LiveMigrationTest {
    private static final int CONNECTIONS_PER_APP = 10;
    private static final int MIGRATIONS = 100;

    private final AtomicBoolean migrating = new AtomicBoolean(true);
    private final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();

    @org.junit.jupiter.api.DisplayName("MUST-42, MUST-43: 100 random live migrations: rising epochs, WELCOME only once the state is held and the old epoch fenced; every byte exact")
    @Test
    void shouldKeepEveryByteExactWhenHundredMigrationsHitTwentyBusyConnections() throws Exception {
        run(java.util.function.UnaryOperator.identity());
    }

    @Test
    void shouldKeepEveryByteExactWhenConnectionsMigrateWhileReplicatedToBackups() throws Exception {
        java.util.Map<String, String> next = java.util.Map.of("s1", "s2", "s2", "s3", "s3", "s1");
        run(c -> c.withBackups(List.of(next.get(c.id()))));
    }

    private void run(java.util.function.UnaryOperator<dev.mtcp.server.ServerConfig> tweak) throws Exception {
        try (TestCluster echo = new TestCluster(3, new EchoApp(), tweak);
             TestCluster stream = new TestCluster(3, new StreamApp(), tweak)) {
            List<MigratorySocket> sockets = new ArrayList<>();
            List<CompletableFuture<String>> workers = new ArrayList<>();
            for (int i = 0; i < CONNECTIONS_PER_APP; i++) {
                MigratorySocket s = MigratorySocket.connect(echo.clientConfig());
                sockets.add(s);
                workers.add(echoWorkload(s, 1000 + i));
            }
            for (int i = 0; i < CONNECTIONS_PER_APP; i++) {
                MigratorySocket s = MigratorySocket.connect(stream.clientConfig());
                sockets.add(s);
                workers.add(streamWorkload(s, 2000 + i));
            }

            int migrated = runMigrations(sockets);
            migrating.set(false);
            for (CompletableFuture<String> w : workers) {
                assertThat(w.get(60, TimeUnit.SECONDS)).isEqualTo("ok");
            }
            assertThat(failures).isEmpty();
            assertThat(migrated).isEqualTo(MIGRATIONS);
            long totalMigrations = sockets.stream().mapToLong(s -> s.status().migrations()).sum();
            assertThat(totalMigrations).isEqualTo(MIGRATIONS);
            for (TestCluster c : List.of(echo, stream)) {
                for (MigratoryServer srv : c.servers) {
                    assertThat(srv.stats().rejectedTotal()).isZero();
                    assertThat(srv.stats().carrierProtocolErrors()).isZero();
                }
            }
            sockets.forEach(MigratorySocket::close);
        }
    }

    /** Random connection, random other server, random gap 0–10 ms; one in five comes back-to-back with the previous one. */
    private int runMigrations(List<MigratorySocket> sockets) throws Exception {
        SplittableRandom rnd = new SplittableRandom(42);
        List<CompletableFuture<MigrationEvent>> futures = new ArrayList<>();
        List<String> ids = List.of("s1", "s2", "s3");
        MigratorySocket previous = null;
        for (int i = 0; i < MIGRATIONS; i++) {
            boolean backToBack = previous != null && rnd.nextInt(5) == 0;
            MigratorySocket s = backToBack ? previous : sockets.get(rnd.nextInt(sockets.size()));
            String target = ids.get(rnd.nextInt(ids.size()));
            futures.add(s.migrate(target, "test #" + i));
            previous = s;
            if (!backToBack) LockSupport.parkNanos(rnd.nextLong(10_000_000L));
        }
        int ok = 0;
        for (CompletableFuture<MigrationEvent> f : futures) {
            f.get(30, TimeUnit.SECONDS);
            ok++;
        }
        return ok;
    }

    private CompletableFuture<String> echoWorkload(MigratorySocket s, long seed) {
        CompletableFuture<String> result = new CompletableFuture<>();
        long[] written = {-1};
        Thread writer = Thread.ofVirtual().start(() -> {
            try {
                SplittableRandom rnd = new SplittableRandom(seed);
                OutputStream out = s.getOutputStream();
                MessageDigest sha = MessageDigest.getInstance("SHA-256");
                byte[] buf = new byte[96 * 1024];
                long pos = 0;
                while (migrating.get() || pos < 256 * 1024) {
                    int n = 1 + rnd.nextInt(buf.length);
                    StreamSequence.fill(seed, pos, buf, 0, n);
                    out.write(buf, 0, n);
                    sha.update(buf, 0, n);
                    pos += n;
                    LockSupport.parkNanos(rnd.nextLong(4_000_000L));
                }
                s.shutdownOutput();
                synchronized (written) {
                    written[0] = pos;
                    written.notifyAll();
                }
                upDigest.put(seed, sha.digest());
            } catch (Exception e) {
                failures.add("echo " + seed + " writer: " + e);
            }
        });
        Thread.ofVirtual().start(() -> {
            try {
                InputStream in = s.getInputStream();
                MessageDigest sha = MessageDigest.getInstance("SHA-256");
                byte[] buf = new byte[64 * 1024];
                byte[] expected = new byte[buf.length];
                long pos = 0;
                int n;
                while ((n = in.read(buf)) >= 0) {
                    StreamSequence.fill(seed, pos, expected, 0, n);
                    checkSame(buf, expected, n, pos, "echo " + seed);
                    sha.update(buf, 0, n);
                    pos += n;
                }
                writer.join();
                long sent;
                synchronized (written) {
                    sent = written[0];
                }
                if (pos != sent) failures.add("echo " + seed + ": received " + pos + " of " + sent + " bytes");
                if (!MessageDigest.isEqual(sha.digest(), upDigest.get(seed))) failures.add("echo " + seed + ": SHA-256 differs");
                result.complete("ok");
            } catch (Exception e) {
                failures.add("echo " + seed + " reader: " + e);
                result.complete("failed: " + e);
            }
        });
        return result;
    }

    private final java.util.concurrent.ConcurrentHashMap<Long, byte[]> upDigest = new java.util.concurrent.ConcurrentHashMap<>();

    private CompletableFuture<String> streamWorkload(MigratorySocket s, long baseSeed) {
        CompletableFuture<String> result = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try {
                SplittableRandom rnd = new SplittableRandom(baseSeed);
                OutputStream out = s.getOutputStream();
                InputStream in = s.getInputStream();
                byte[] buf = new byte[64 * 1024];
                byte[] expected = new byte[buf.length];
                int requests = 0;
                while (migrating.get() || requests < 2) {
                    long seed = rnd.nextLong();
                    long length = 256 * 1024 + rnd.nextInt(2 * 1024 * 1024);
                    out.write(("STREAM " + length + " " + seed + "\n").getBytes(StandardCharsets.US_ASCII));
                    MessageDigest got = MessageDigest.getInstance("SHA-256");
                    MessageDigest want = MessageDigest.getInstance("SHA-256");
                    long pos = 0;
                    while (pos < length) {
                        int n = in.read(buf, 0, (int) Math.min(buf.length, length - pos));
                        if (n < 0) throw new IOException("EOF at " + pos + " of " + length);
                        StreamSequence.fill(seed, pos, expected, 0, n);
                        checkSame(buf, expected, n, pos, "stream " + baseSeed);
                        got.update(buf, 0, n);
                        want.update(expected, 0, n);
                        pos += n;
                        LockSupport.parkNanos(rnd.nextLong(1_000_000L));
                    }
                    if (!MessageDigest.isEqual(got.digest(), want.digest())) failures.add("stream " + baseSeed + ": SHA-256 differs");
                    requests++;
                }
                s.shutdownOutput();
                if (in.read() != -1) failures.add("stream " + baseSeed + ": bytes after the last stream");
                result.complete("ok");
            } catch (Exception e) {
                failures.add("stream " + baseSeed + ": " + e);
                result.complete("failed: " + e);
            }
        });
        return result;
    }

    private void checkSame(byte[] got, byte[] expected, int n, long pos, String who) throws IOException {
        int mismatch = java.util.Arrays.mismatch(got, 0, n, expected, 0, n);
        if (mismatch >= 0) throw new IOException(who + ": wrong byte at offset " + (pos + mismatch));
    }
}
