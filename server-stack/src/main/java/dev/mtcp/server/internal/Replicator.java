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
        final java.util.concurrent.LinkedBlockingQueue<Replicate> pending = new java.util.concurrent.LinkedBlockingQueue<>();
        volatile Carrier carrier;
        volatile boolean dead;

        BackupLink(String backupId) {
            this.backupId = backupId;
            Thread.ofVirtual().name("mtcp-repl-" + selfId + "->" + backupId).start(this::run);
        }

        /** Never blocks: the link's own thread connects, authenticates and forwards in order. */
        void send(Replicate frame) {
            if (!dead) pending.add(frame);
        }

        private void run() {
            try {
                Replicate first = pending.take();   // connect when there is something to send (peers may be added late)
                if (dead) return;
                InetSocketAddress a = resolve.apply(backupId);
                if (a == null) throw new IOException("backup '" + backupId + "' is not a known peer");
                Carrier c = pool.openLink(backupId, a);
                c.readTimeoutMillis(0);
                c.startWriter(t -> fail("write failed: " + t.getMessage()));
                carrier = c;
                Thread.ofVirtual().name("mtcp-repl-ack-" + selfId + "->" + backupId).start(() -> readAcks(c));
                c.send(first);
                while (true) {
                    Replicate next = pending.take();
                    if (dead) return;   // a wake-up after fail/close, never sent
                    c.send(next);
                }
            } catch (IOException | ProtocolException e) {
                fail(e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
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
            pending.clear();
            pending.add(new Replicate(ConnectionId.random(), 0, new byte[0]));   // wakes the link thread to exit
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
        for (BackupLink l : links.values()) l.send(frame);
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
            l.pending.add(new Replicate(ConnectionId.random(), 0, new byte[0]));
            Carrier c = l.carrier;
            if (c != null) c.close();
        });
    }
}
