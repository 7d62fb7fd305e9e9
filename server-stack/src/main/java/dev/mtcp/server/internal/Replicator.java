package dev.mtcp.server.internal;

import dev.mtcp.protocol.ConnectionId;
import dev.mtcp.protocol.ProtocolException;
import dev.mtcp.protocol.crypto.StateSealer;
import dev.mtcp.protocol.frame.Frame;
import dev.mtcp.protocol.frame.Replicate;
import dev.mtcp.protocol.frame.ReplicateAck;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Streams connection-state deltas to this server's backups (REPLICATE over an authenticated peer
 * channel, one per backup, in order) and reports, per connection, the highest delta every live
 * backup acknowledged (REPLICATE_ACK). A backup whose channel fails is dropped from the set (and
 * logged): the connections then fall back to what the remaining backups hold.
 */
public final class Replicator implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Replicator.class);

    private final String selfId;
    private final PeerPool pool;
    private final StateSealer sealer;
    private final SessionRegistry registry;
    private final Function<String, InetSocketAddress> resolve;
    private final Map<String, BackupLink> links = new ConcurrentHashMap<>();
    private final Runnable fencedByPeer;

    private final class BackupLink {
        final String backupId;
        final Map<ConnectionId, Long> acked = new ConcurrentHashMap<>();
        volatile Carrier carrier;
        volatile boolean dead;

        BackupLink(String backupId) {
            this.backupId = backupId;
        }

        synchronized Carrier carrier() throws IOException, ProtocolException {
            if (carrier == null) {
                InetSocketAddress a = resolve.apply(backupId);
                if (a == null) throw new IOException("backup '" + backupId + "' is not a known peer");
                Carrier c = pool.openLink(backupId, a);
                c.readTimeoutMillis(0);
                c.startWriter(t -> fail("write failed: " + t.getMessage()));
                Thread.ofVirtual().name("mtcp-repl-ack-" + selfId + "->" + backupId).start(() -> readAcks(c));
                carrier = c;
            }
            return carrier;
        }

        void readAcks(Carrier c) {
            try {
                Frame f;
                while (true) {
                    f = c.read();
                    if (f instanceof ReplicateAck ack) {
                        acked.merge(ack.id(), ack.sequence(), Math::max);
                        notifySession(ack.id());
                    } else if (f instanceof dev.mtcp.protocol.frame.Commit moved) {
                        ServerSession s = registry.get(moved.id());
                        if (s != null && s.fencedBy(moved.epoch())) fencedByPeer.run();
                    } else {
                        break;
                    }
                }
                fail(f == null ? "closed by the backup" : "unexpected " + f.type());
            } catch (IOException | ProtocolException e) {
                fail(e.getMessage());
            }
        }

        void fail(String why) {
            if (dead) return;
            dead = true;
            Carrier c = carrier;
            if (c != null) c.close();
            log.warn("server {}: backup {} dropped ({}); its connections rely on the other backups", selfId, backupId, why);
            registry.all().forEach(s -> notifySession(s.id()));
        }
    }

    public Replicator(String selfId, List<String> backups, PeerPool pool, StateSealer sealer, SessionRegistry registry,
                      Function<String, InetSocketAddress> resolve, Runnable fencedByPeer) {
        this.selfId = selfId;
        this.fencedByPeer = fencedByPeer;
        this.pool = pool;
        this.sealer = sealer;
        this.registry = registry;
        this.resolve = resolve;
        for (String b : backups) links.put(b, new BackupLink(b));
    }

    /** Queues delta {@code seq} of connection {@code id} to every live backup; never blocks on the network. */
    void send(ConnectionId id, long seq, ReplicaDelta delta) {
        Replicate frame = new Replicate(id, seq, sealer.seal(id, seq, delta.encode()));
        for (BackupLink l : links.values()) {
            if (l.dead) continue;
            try {
                l.carrier().send(frame);
            } catch (IOException | ProtocolException e) {
                l.fail(e.getMessage());
            }
        }
    }

    /** The highest delta of {@code id} that every live backup holds; MAX_VALUE when no backup is alive. */
    long allAcked(ConnectionId id) {
        long min = Long.MAX_VALUE;
        for (BackupLink l : links.values()) {
            if (!l.dead) min = Math.min(min, l.acked.getOrDefault(id, 0L));
        }
        return min;
    }

    private void notifySession(ConnectionId id) {
        ServerSession s = registry.get(id);
        if (s != null) s.onReplicated(allAcked(id));
    }

    @Override
    public void close() {
        links.values().forEach(l -> {
            l.dead = true;
            Carrier c = l.carrier;
            if (c != null) c.close();
        });
    }
}
