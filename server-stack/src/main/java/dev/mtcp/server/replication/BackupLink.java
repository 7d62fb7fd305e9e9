package dev.mtcp.server.replication;

import dev.mtcp.protocol.ConnectionId;
import dev.mtcp.protocol.ProtocolException;
import dev.mtcp.protocol.crypto.StateSealer;
import dev.mtcp.protocol.frame.Commit;
import dev.mtcp.protocol.frame.Frame;
import dev.mtcp.protocol.frame.Reject;
import dev.mtcp.protocol.frame.Replicate;
import dev.mtcp.protocol.frame.ReplicateAck;
import dev.mtcp.protocol.carrier.Carrier;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.InstantSource;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The replication channel from this (origin) server to one backup. A sender thread turns dirty
 * connections into sealed REPLICATE deltas (batched: one delta per connection per wake-up, up to
 * {@value #MAX_DELTA_BYTES} log bytes, the rest in the next ones at once); a reader
 * thread applies REPLICATE_ACKs and fence answers. The backup counts as live while the channel is up
 * and answers within the ack timeout; when it is not, it is dropped from the live set (logged), and
 * the channel is re-opened in the background, every connection re-based on it.
 */
final class BackupLink {
    private static final Logger log = LoggerFactory.getLogger(BackupLink.class);
    private static final long RETRY_MILLIS = 200;
    /**
     * Log bytes per delta. A bulk stream is replicated as a train of deltas of this size, every one sealed
     * and opened on its own: at 1 MiB the seal/open methods ran so rarely that the JIT had not compiled
     * AES-GCM's fast path after several hundred MiB (the failover benchmark ran at half the speed it reaches
     * with 256 KiB deltas); much smaller deltas pay more per-delta work (ACKs, gate updates) for nothing.
     */
    private static final int MAX_DELTA_BYTES = 256 * 1024;

    final String backupId;
    private final Replicator owner;
    private final StateSealer sealer;
    private final InstantSource clock;
    private final long ackTimeoutMillis;
    private final DeltaBuilder builder = new DeltaBuilder(MAX_DELTA_BYTES);
    private final LinkedBlockingQueue<ReplicaFeed> dirty = new LinkedBlockingQueue<>();
    private final Set<ReplicaFeed> dirtySet = ConcurrentHashMap.newKeySet();
    private volatile Carrier carrier;
    private volatile boolean live = true;      // presumed live until it fails to connect for the ack timeout
    private volatile long disconnectedSinceMillis;
    private volatile boolean halted;
    private final java.util.concurrent.atomic.AtomicInteger outstanding = new java.util.concurrent.atomic.AtomicInteger();
    private volatile long awaitingSinceMillis = -1;
    private String lastDownReason = "";
    private Thread sender;
    private long sequences;     // sender thread only: unique per channel, increasing

    BackupLink(String backupId, Replicator owner, StateSealer sealer, InstantSource clock, long ackTimeoutMillis) {
        this.backupId = backupId;
        this.owner = owner;
        this.sealer = sealer;
        this.clock = clock;
        this.ackTimeoutMillis = ackTimeoutMillis;
        this.disconnectedSinceMillis = clock.millis();
    }

    boolean isLive() {
        return live;
    }

    /**
     * True once this server stopped replicating (crash, shutdown). A halted link is not live, but not
     * because the backup failed: nothing more reaches the backup, so its absence must never open a
     * connection's durability gate (set before {@code live} is cleared, read after it).
     */
    boolean isHalted() {
        return halted;
    }

    void start(String selfId) {
        sender = Thread.ofVirtual().name("mtcp-repl-" + selfId + "->" + backupId).start(this::run);
    }

    void markDirty(ReplicaFeed f) {
        if (dirtySet.add(f)) dirty.add(f);
    }

    /** Stops at once, sending nothing more (server crash or shutdown). */
    void halt() {
        halted = true;
        live = false;
        Carrier c = carrier;
        if (c != null) c.close();
        if (sender != null) sender.interrupt();
    }

    private void run() {
        while (!halted) {
            try {
                if (carrier == null && !connect()) {
                    if (live && clock.millis() - disconnectedSinceMillis > ackTimeoutMillis) {
                        live = false;
                        log.warn("server {}: backup {} dropped from the live set ({}, for {} ms); its connections no longer "
                                + "wait for it", owner.selfId(), backupId, lastDownReason, ackTimeoutMillis);
                        owner.livenessChanged();
                    }
                    Thread.sleep(RETRY_MILLIS);     // a timed retry of a background reconnect, not a wait for a condition
                    continue;
                }
                ReplicaFeed f = dirty.poll(50, TimeUnit.MILLISECONDS);
                if (f != null) {
                    dirtySet.remove(f);
                    send(f);
                }
                checkAckTimeout();
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                if (!halted) down(carrier, "internal error: " + e);
            }
        }
    }

    private boolean connect() {
        InetSocketAddress addr = owner.addressOf(backupId);
        if (addr == null) {
            noteDown("no address known for backup " + backupId);
            return false;
        }
        Carrier c;
        try {
            c = owner.open(backupId, addr);
            c.readTimeoutMillis(0);
        } catch (IOException | ProtocolException e) {
            noteDown("cannot reach backup " + backupId + " at " + addr + ": " + e.getMessage());
            return false;
        }
        if (halted) {
            c.close();
            return false;
        }
        c.startWriter(t -> down(c, "write failed: " + t.getMessage()));
        awaitingSinceMillis = -1;
        outstanding.set(0);
        carrier = c;
        for (ReplicaFeed f : owner.feeds()) {
            FeedCursor cur = f.cursor(this);
            synchronized (cur) {
                cur.reset();
            }
            markDirty(f);
        }
        live = true;
        lastDownReason = "";
        log.info("server {}: replicating to backup {} at {}", owner.selfId(), backupId, addr);
        owner.livenessChanged();   // its connections wait for it again, from what it acknowledges after the re-base
        Thread.ofVirtual().name("mtcp-repl-ack-" + backupId).start(() -> readAcks(c));
        return true;
    }

    private void noteDown(String why) {
        if (!why.equals(lastDownReason)) log.debug("server {}: {}", owner.selfId(), why);
        lastDownReason = why;
    }

    private void send(ReplicaFeed f) {
        Carrier c = carrier;
        if (c == null) return;
        FeedCursor cur = f.cursor(this);
        ReplicaDelta d;
        long seq;
        boolean more;
        boolean finished;
        synchronized (cur) {
            boolean wasDone = cur.done;
            long candidate = sequences + 1;
            d = f.session.readLive(s -> builder.next(s, cur, candidate));
            if (d != null) sequences = candidate;
            seq = candidate;
            more = d != null && f.session.readLive(s -> DeltaBuilder.more(s, cur));
            finished = !wasDone && cur.done;
        }
        if (d == null) {
            if (finished) owner.maybeForget(f);     // outside the cursor: maybeForget looks at every cursor
            return;
        }
        if (outstanding.getAndIncrement() == 0) awaitingSinceMillis = clock.millis();
        ConnectionId id = f.session.id();
        c.send(new Replicate(id, seq, sealer.seal(id, seq, d.encode())));
        if (more) markDirty(f);
        if (d.ended()) owner.maybeForget(f);
    }

    private void readAcks(Carrier c) {
        try {
            while (true) {
                Frame fr = c.read();
                switch (fr) {
                    case null -> { down(c, "backup closed the channel"); return; }
                    case ReplicateAck a -> onAck(a);
                    case Commit fence -> onFence(fence);
                    case Reject r -> { down(c, "backup refused a delta: " + r.code() + " " + r.reason()); return; }
                    default -> { down(c, "unexpected " + fr.type() + " from backup"); return; }
                }
            }
        } catch (IOException | ProtocolException e) {
            down(c, e.getMessage());
        }
    }

    private void onAck(ReplicateAck a) {
        answered();
        ReplicaFeed f = owner.feed(a.id());
        if (f == null) return;
        FeedCursor cur = f.cursor(this);
        boolean done;
        synchronized (cur) {
            cur.acked(a.sequence());
            done = cur.done && cur.inFlightCount() == 0;
        }
        f.updateGate();
        if (done) owner.maybeForget(f);
    }

    /** The backup answers every REPLICATE, in order, with exactly one frame. */
    private void answered() {
        awaitingSinceMillis = outstanding.decrementAndGet() > 0 ? clock.millis() : -1;
    }

    /** The backup holds the connection at a newer epoch: nothing in flight for it will be acknowledged. */
    private void onFence(Commit fence) {
        ReplicaFeed f = owner.feed(fence.id());
        if (f != null) {
            FeedCursor cur = f.cursor(this);
            synchronized (cur) {
                cur.reset();
                cur.done = true;
            }
        }
        answered();
        owner.fencedByBackup(fence.id(), fence.epoch(), backupId);
    }

    private void checkAckTimeout() {
        long since = awaitingSinceMillis;
        if (since >= 0 && clock.millis() - since > ackTimeoutMillis) {
            down(carrier, "no REPLICATE_ACK for " + ackTimeoutMillis + " ms");
        }
    }

    private void down(Carrier c, String why) {
        synchronized (this) {
            if (c == null || c != carrier) return;
            carrier = null;
            live = false;
        }
        c.close();
        awaitingSinceMillis = -1;
        disconnectedSinceMillis = clock.millis();
        if (halted) return;
        log.warn("server {}: backup {} dropped from the live set ({}); its connections no longer wait for it",
                owner.selfId(), backupId, why);
        owner.livenessChanged();
    }
}
