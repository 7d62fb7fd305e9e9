package dev.mtcp.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mtcp.server.Durability;
import dev.mtcp.server.ServerConfig;
import dev.mtcp.server.apps.EchoApp;
import dev.mtcp.server.apps.StreamApp;
import dev.mtcp.server.apps.StreamSequence;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 4 (first cut): each server replicates its connections to the next one (ack-on-replicate);
 * the serving server dies without a word and the connection goes on, byte-exact, on its backup.
 */
@Timeout(60)
class CrashFailoverTest {
    private static final Map<String, String> BACKUP_OF = Map.of("s1", "s2", "s2", "s3", "s3", "s1");
    private static final UnaryOperator<ServerConfig> RING = c -> c.withBackups(List.of(BACKUP_OF.get(c.id())));

    @Test
    void shouldFinishStreamOnBackupWhenServingServerDies() throws Exception {
        try (TestCluster c = new TestCluster(3, new StreamApp(), RING);
             MigratorySocket s = MigratorySocket.connect(c.clientConfig())) {
            assertThat(c.server("s1").stats()).isNotNull();
            int length = 8 * 1024 * 1024;
            s.getOutputStream().write(("STREAM " + length + " 77\n").getBytes(StandardCharsets.US_ASCII));
            InputStream in = s.getInputStream();
            byte[] first = in.readNBytes(2 * 1024 * 1024);
            ConnectionLifecycleTest.waitFor(() -> c.server("s2").hasReplicaOf(s.id()));
            c.server("s1").close();
            byte[] rest = in.readNBytes(length - first.length);
            byte[] expected = new byte[length];
            StreamSequence.fill(77, 0, expected, 0, length);
            assertThat(ConnectionLifecycleTest.concat(first, rest)).isEqualTo(expected);
            assertThat(s.status().server()).isEqualTo("s2");
            assertThat(s.status().migrations()).isEqualTo(1);
            assertThat(c.server("s2").stats().carrierProtocolErrors()).isZero();
        }
    }

    @Test
    void shouldLoseNoUpstreamByteWhenServingServerDiesMidEcho() throws Exception {
        try (TestCluster c = new TestCluster(3, new EchoApp(), RING);
             MigratorySocket s = MigratorySocket.connect(c.clientConfig())) {
            assertThat(c.server("s1").stats()).isNotNull();
            byte[] data = ConnectionLifecycleTest.pattern(6 * 1024 * 1024, 31);
            CompletableFuture<byte[]> echoed = CompletableFuture.supplyAsync(() -> {
                try {
                    return s.getInputStream().readNBytes(data.length);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            OutputStream out = s.getOutputStream();
            int half = data.length / 2;
            out.write(data, 0, half);
            ConnectionLifecycleTest.waitFor(() -> s.status().bytesDown() > half / 2);
            c.server("s1").close();
            out.write(data, half, data.length - half);
            byte[] got = echoed.get(30, TimeUnit.SECONDS);
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            assertThat(sha.digest(got)).isEqualTo(MessageDigest.getInstance("SHA-256").digest(data));
            assertThat(s.status().server()).isEqualTo("s2");
            assertThat(s.status().migrations()).isEqualTo(1);
            assertThat(c.server("s2").stats().migrationsIn()).isEqualTo(1);
        }
    }

    @Test
    void shouldSurviveCrashAfterLiveMigrationsWhenEachServerReplicatesToItsBackup() throws Exception {
        java.util.List<String> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
        MigrationListener l = new MigrationListener() {
            @Override
            public void onMigrationFailed(dev.mtcp.protocol.ConnectionId id, String to, String why) {
                failures.add(to + ": " + why);
            }
        };
        try (TestCluster c = new TestCluster(3, new StreamApp(), RING);
             MigratorySocket s = MigratorySocket.connect(c.clientConfig(), List.of(l), List.of())) {
            int length = 12 * 1024 * 1024;
            s.getOutputStream().write(("STREAM " + length + " 3\n").getBytes(StandardCharsets.US_ASCII));
            InputStream in = s.getInputStream();
            MessageDigest got = MessageDigest.getInstance("SHA-256");
            got.update(in.readNBytes(1024 * 1024));
            s.migrate("s2", "live").get(5, TimeUnit.SECONDS);
            got.update(in.readNBytes(1024 * 1024));
            s.migrate("s3", "live").get(5, TimeUnit.SECONDS);
            got.update(in.readNBytes(1024 * 1024));
            ConnectionLifecycleTest.waitFor(() -> c.server("s1").hasReplicaOf(s.id()));   // s3's backup
            c.server("s3").close();
            got.update(in.readNBytes(length - 3 * 1024 * 1024));
            byte[] expected = new byte[length];
            StreamSequence.fill(3, 0, expected, 0, length);
            assertThat(got.digest()).isEqualTo(MessageDigest.getInstance("SHA-256").digest(expected));
            assertThat(s.status().server()).as("failed attempts: %s", failures).isEqualTo("s1");
            assertThat(s.status().migrations()).isEqualTo(3);
        }
    }

    /** Streams position-derived bytes slowly (16 KiB, checkpoint, 2 ms), so it is still producing after a partition. */
    private static final dev.mtcp.server.MigratoryApp PACED = conn -> {
        long pos = conn.importedState().map(b -> java.nio.ByteBuffer.wrap(b).getLong()).orElse(0L);
        byte[] buf = new byte[16 * 1024];
        while (pos < 64L * 1024 * 1024) {
            StreamSequence.fill(5, pos, buf, 0, buf.length);
            conn.output().write(buf);
            pos += buf.length;
            conn.exportState(java.nio.ByteBuffer.allocate(8).putLong(pos).array());
            java.util.concurrent.locks.LockSupport.parkNanos(2_000_000L);
        }
    };

    @Test
    void shouldFenceOldOriginWhenItWasOnlyPartitioned() throws Exception {
        try (TestCluster c = new TestCluster(3, PACED, RING);
             CuttableRelay clientPath = new CuttableRelay(c.server("s1").address());
             CuttableRelay peerPath = new CuttableRelay(c.server("s1").address())) {
            c.server("s2").addPeer("s1", peerPath.address());
            c.server("s3").addPeer("s1", peerPath.address());
            java.util.List<ServiceEndpoint> eps = new java.util.ArrayList<>(c.endpoints());
            eps.set(0, new ServiceEndpoint("s1", clientPath.address()));
            try (MigratorySocket s = MigratorySocket.connect(c.clientConfig().withServers(eps))) {
                InputStream in = s.getInputStream();
                MessageDigest got = MessageDigest.getInstance("SHA-256");
                got.update(in.readNBytes(512 * 1024));
                ConnectionLifecycleTest.waitFor(() -> c.server("s2").hasReplicaOf(s.id()));
                peerPath.close();          // s1 is cut off from the group ...
                clientPath.cutAll();       // ... and from the client, but keeps running
                got.update(in.readNBytes(1024 * 1024));
                // The stream went on at s2 (status may read "" for an instant while a carrier switch settles).
                ConnectionLifecycleTest.waitFor(() -> s.status().server().equals("s2"));
                ConnectionLifecycleTest.waitFor(() -> c.server("s1").stats().fencedByPeer() == 1);
                // the fenced session is closed at once and leaves s1's registry right after
                ConnectionLifecycleTest.waitFor(() -> c.server("s1").connections().isEmpty());
                byte[] expected = new byte[512 * 1024 + 1024 * 1024];
                StreamSequence.fill(5, 0, expected, 0, expected.length);
                assertThat(got.digest()).isEqualTo(MessageDigest.getInstance("SHA-256").digest(expected));
            }
        }
    }

    @Test
    void shouldDefaultToAckOnReplicateWhenBackupsAreSet() {
        ServerConfig cfg = RING.apply(ServerConfig.of("s1", new java.net.InetSocketAddress("127.0.0.1", 0),
                dev.mtcp.protocol.crypto.GroupKey.generate()));
        assertThat(cfg.durability()).isEqualTo(Durability.ACK_ON_REPLICATE);
        assertThat(cfg.backups()).containsExactly("s2");
    }

}
