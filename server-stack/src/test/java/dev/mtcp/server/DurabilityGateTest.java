package dev.mtcp.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mtcp.protocol.crypto.GroupKey;
import dev.mtcp.protocol.frame.Ack;
import dev.mtcp.protocol.frame.Data;
import dev.mtcp.protocol.frame.Frame;
import dev.mtcp.server.apps.EchoApp;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The durability modes (design §4). With ack-on-replicate the origin ACKs upstream bytes and sends
 * downstream bytes only once its live backup holds them; a backup that stops answering is dropped
 * from the live set after the ack timeout, so the origin never stalls for good. With ack-on-receive
 * the origin ACKs at once, whatever the backup does.
 */
@Timeout(30)
class DurabilityGateTest {
    private final GroupKey key = GroupKey.generate();

    @Test
    void shouldAckAndEchoOnlyOnceTheBackupHoldsTheBytesWhenAckOnReplicate() throws Exception {
        try (Pair p = new Pair(Durability.ACK_ON_REPLICATE, Duration.ofSeconds(20))) {
            try (ScriptedClient c = ScriptedClient.open(p.origin.address())) {
                Frames frames = new Frames(c);
                p.relay.freeze();
                c.send(new byte[1000]);
                assertThat(frames.ackOrDataWithin(Duration.ofMillis(600))).as("nothing before the backup holds it").isNull();
                p.relay.thaw();
                assertThat(frames.awaitAck(1000, Duration.ofSeconds(5))).isTrue();
                assertThat(frames.downBytes(Duration.ofSeconds(5), 1000)).isEqualTo(1000);
                assertThat(p.origin.liveBackups()).containsExactly("s2");
            }
        }
    }

    @Test
    void shouldDropASilentBackupAfterTheAckTimeoutAndGoOn() throws Exception {
        try (Pair p = new Pair(Durability.ACK_ON_REPLICATE, Duration.ofMillis(500))) {
            try (ScriptedClient c = ScriptedClient.open(p.origin.address())) {
                Frames frames = new Frames(c);
                p.relay.freeze();
                c.send(new byte[1000]);
                long t0 = System.nanoTime();
                assertThat(frames.awaitAck(1000, Duration.ofSeconds(5))).isTrue();
                assertThat(Duration.ofNanos(System.nanoTime() - t0)).isGreaterThanOrEqualTo(Duration.ofMillis(400));
                assertThat(p.origin.liveBackups()).isEmpty();
                p.relay.thaw();
            }
        }
    }

    @Test
    void shouldWaitForTheBackupAgainOnceItIsBackInTheLiveSet() throws Exception {
        try (Pair p = new Pair(Durability.ACK_ON_REPLICATE, Duration.ofSeconds(2))) {
            try (ScriptedClient c = ScriptedClient.open(p.origin.address())) {
                Frames frames = new Frames(c);
                p.relay.freeze();
                c.send(new byte[1000]);
                assertThat(frames.awaitAck(1000, Duration.ofSeconds(10))).as("ACKed once the silent backup is dropped").isTrue();
                assertThat(p.origin.liveBackups()).isEmpty();
                p.relay.thaw();
                p.awaitLiveBackup();

                p.relay.freeze();
                c.send(new byte[1000]);
                assertThat(frames.ackOrDataWithin(Duration.ofMillis(600)))
                        .as("the returned backup is waited for again: nothing before it holds the new bytes").isNull();
                p.relay.thaw();
                assertThat(frames.awaitAck(2000, Duration.ofSeconds(5))).isTrue();
                assertThat(p.origin.liveBackups()).containsExactly("s2");
            }
        }
    }

    @Test
    void shouldAckAtOnceWhenAckOnReceiveEvenWithASilentBackup() throws Exception {
        try (Pair p = new Pair(Durability.ACK_ON_RECEIVE, Duration.ofSeconds(20))) {
            try (ScriptedClient c = ScriptedClient.open(p.origin.address())) {
                Frames frames = new Frames(c);
                p.relay.freeze();
                c.send(new byte[1000]);
                assertThat(frames.awaitAck(1000, Duration.ofMillis(300))).isTrue();
                p.relay.thaw();
            }
        }
    }

    /** s1 replicates to s2 through a relay the test can freeze. */
    private final class Pair implements AutoCloseable {
        final MigratoryServer origin;
        final MigratoryServer backup;
        final FreezableRelay relay;

        Pair(Durability mode, Duration ackTimeout) throws Exception {
            InetSocketAddress a1 = freePort();
            InetSocketAddress a2 = freePort();
            relay = new FreezableRelay(a2);
            backup = MigratoryServer.start(ServerConfig.of("s2", a2, key).withPeers(Map.of("s1", a1)), new EchoApp());
            origin = MigratoryServer.start(ServerConfig.of("s1", a1, key).withPeers(Map.of("s2", relay.address()))
                    .withBackups(List.of("s2"), mode).withFailoverTimeouts(Duration.ofMillis(300), ackTimeout), new EchoApp());
            awaitLiveBackup();
        }

        void awaitLiveBackup() {
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (!origin.liveBackups().contains("s2")) {
                if (System.nanoTime() > deadline) throw new AssertionError("replication channel not up");
                LockSupport.parkNanos(5_000_000L);   // polling the condition, bounded by the deadline
            }
        }

        @Override
        public void close() throws Exception {
            relay.close();
            origin.close();
            backup.close();
        }
    }

    /** Reads a scripted client's frames on a thread of their own. */
    private static final class Frames {
        private final LinkedBlockingQueue<Frame> queue = new LinkedBlockingQueue<>();
        private long acked;

        Frames(ScriptedClient c) throws Exception {
            c.socket.setSoTimeout(0);
            Thread.ofVirtual().start(() -> {
                try {
                    Frame f;
                    while ((f = c.reader.read()) != null) queue.add(f);
                } catch (Exception e) {
                    // the test closed the client
                }
            });
        }

        /** The first ACK above 0 or DATA within {@code d}, or null. */
        Frame ackOrDataWithin(Duration d) throws InterruptedException {
            long deadline = System.nanoTime() + d.toNanos();
            while (true) {
                Frame f = queue.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (f == null) return null;
                if (f instanceof Ack a && a.offset() > 0) return f;
                if (f instanceof Data) return f;
            }
        }

        boolean awaitAck(long offset, Duration d) throws InterruptedException {
            long deadline = System.nanoTime() + d.toNanos();
            while (acked < offset) {
                Frame f = queue.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (f == null) return false;
                if (f instanceof Ack a) acked = Math.max(acked, a.offset());
                if (f instanceof Data dd) pending += dd.length();
            }
            return true;
        }

        private long pending;

        long downBytes(Duration d, long want) throws InterruptedException {
            long deadline = System.nanoTime() + d.toNanos();
            while (pending < want) {
                Frame f = queue.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (f == null) break;
                if (f instanceof Data dd) pending += dd.length();
            }
            return pending;
        }
    }

    private static InetSocketAddress freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return new InetSocketAddress("127.0.0.1", s.getLocalPort());
        }
    }
}
