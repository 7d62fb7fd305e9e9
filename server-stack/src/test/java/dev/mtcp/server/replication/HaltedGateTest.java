package dev.mtcp.server.replication;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mtcp.protocol.ConnectionId;
import dev.mtcp.protocol.ErrorCode;
import dev.mtcp.protocol.crypto.GroupKey;
import dev.mtcp.protocol.crypto.StateSealer;
import dev.mtcp.protocol.frame.Ack;
import dev.mtcp.protocol.frame.Close;
import dev.mtcp.protocol.frame.Data;
import dev.mtcp.protocol.frame.Frame;
import dev.mtcp.protocol.frame.FrameReader;
import dev.mtcp.protocol.carrier.Carrier;
import dev.mtcp.server.internal.ServerSession;
import dev.mtcp.server.internal.SessionHost;
import dev.mtcp.server.internal.SessionLimits;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Ack-on-replicate across a crash (issue 4, MUST-44): the origin must never ACK upstream bytes its
 * backup does not hold. The failover benchmark caught the origin doing so in the instant between
 * halting its replicator and closing its carriers: a REPLICATE_ACK read in that instant recomputed
 * the gate with no live link, which opened it fully, so the client dropped a byte the replica lacked
 * and refused every WELCOME of the backups ("up 105 vs [106,107]").
 */
@Timeout(20)
class HaltedGateTest {
    private static final SessionHost HOST = new SessionHost() {
        @Override
        public void sessionEnded(ServerSession session, long lastEpoch) {
        }

        @Override
        public void sessionDetached(ServerSession session) {
        }
    };

    @Test
    void shouldNeverAckPastWhatTheReplicaHoldsWhenAnAckArrivesAfterTheReplicatorHalted() throws Exception {
        StateSealer sealer = new StateSealer(GroupKey.generate());
        Replicator replicator = new Replicator("s1", List.of("s2"), true, id -> null,
                (peer, addr) -> { throw new IOException("not used"); }, sealer, InstantSource.system(),
                Duration.ofSeconds(20), (id, epoch, by) -> { });
        BackupLink link = new BackupLink("s2", replicator, sealer, InstantSource.system(), 20_000);
        ConnectionId id = ConnectionId.random();
        ServerSession session = ServerSession.fresh(id, new byte[32], 1, new byte[16], HOST,
                new SessionLimits(1 << 20, 1 << 20, 1 << 20));
        ReplicaFeed feed = new ReplicaFeed(session, List.of(link), replicator::liveGeneration);
        session.replicateWith(feed, true);
        feed.updateGate();

        try (ServerSocketChannel listener = ServerSocketChannel.open()
                .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
             SocketChannel client = SocketChannel.open(listener.getLocalAddress());
             Carrier carrier = new Carrier(listener.accept(), "test")) {
            carrier.startWriter(t -> { });
            session.attach(carrier, 1, new byte[16], new Ack(0), 0, 0);
            FeedCursor cursor = feed.cursor(link);
            DeltaBuilder builder = new DeltaBuilder(1 << 20);

            session.onData(carrier, new Data(0, new byte[105]));
            ReplicaDelta first;
            synchronized (cursor) {
                first = session.readLive(l -> builder.next(l, cursor, 1));
            }
            Replica replica = new Replica(id, "s1", 1, ReplicaDelta.decode(first.encode()), 0);
            session.onData(carrier, new Data(105, new byte[] {7}));
            synchronized (cursor) {
                assertThat(session.readLive(l -> builder.next(l, cursor, 2)).inEnd()).isEqualTo(106);
            }
            // the second delta is lost with the crash; the backup's ACK of the first is read just after the halt
            link.halt();
            synchronized (cursor) {
                cursor.acked(1);
            }
            feed.updateGate();
            carrier.send(new Close(ErrorCode.NORMAL_CLOSE, "end of test"));

            long highestAck = highestAckBeforeClose(client);
            assertThat(replica.inEnd()).isEqualTo(105);
            assertThat(highestAck).as("ACKed upstream vs what the replica holds").isLessThanOrEqualTo(replica.inEnd());
        }
    }

    @Test
    void shouldHoldTheGateWhereItIsOnceTheLinkIsHalted() {
        StateSealer sealer = new StateSealer(GroupKey.generate());
        Replicator replicator = new Replicator("s1", List.of("s2"), true, id -> null,
                (peer, addr) -> { throw new IOException("not used"); }, sealer, InstantSource.system(),
                Duration.ofSeconds(20), (id, epoch, by) -> { });
        BackupLink link = new BackupLink("s2", replicator, sealer, InstantSource.system(), 20_000);
        ServerSession session = ServerSession.fresh(ConnectionId.random(), new byte[32], 1, new byte[16], HOST,
                new SessionLimits(1 << 20, 1 << 20, 1 << 20));
        ReplicaFeed feed = new ReplicaFeed(session, List.of(link), replicator::liveGeneration);
        assertThat(feed.gate()).isEqualTo(new ReplicaFeed.Gate(0, 0, false, 0));
        link.halt();
        assertThat(feed.gate()).as("halted: the gate must not move").isNull();
    }

    private static long highestAckBeforeClose(SocketChannel client) throws Exception {
        FrameReader reader = new FrameReader(new BufferedInputStream(client.socket().getInputStream()));
        long highest = -1;
        while (true) {
            Frame f = reader.read();
            assertThat(f).as("the sentinel CLOSE").isNotNull();
            if (f instanceof Close) return highest;
            if (f instanceof Ack a) highest = Math.max(highest, a.offset());
        }
    }
}
