package dev.mtcp.server.replication;

import dev.mtcp.protocol.ConnectionId;
import dev.mtcp.protocol.ProtocolException;
import dev.mtcp.protocol.crypto.StateSealer;
import dev.mtcp.protocol.carrier.Carrier;
import dev.mtcp.server.internal.ServerSession;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The origin side of replication (design §4): every connection of this server streams its
 * checkpoints and input/output log appends to each backup, as sealed REPLICATE deltas over one peer
 * channel per backup, and tracks the REPLICATE_ACKs. In ack-on-replicate mode ({@code gated}) a
 * connection ACKs upstream bytes, and sends downstream bytes and FIN, only as far as every live
 * backup holds them, so a crash at any instant loses nothing the client was told was safe.
 */
public final class Replicator implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Replicator.class);
    private static final Duration MIN_PAUSE_GAP = Duration.ofSeconds(1);
    private static final long WATCHDOG_TICK_MILLIS = 100;

    /** Opens an authenticated peer channel (the peer pool's handshake). */
    public interface ChannelOpener {
        Carrier open(String peerId, InetSocketAddress address) throws IOException, ProtocolException;
    }

    /** Told when a backup says a connection moved on (the session was fenced). */
    public interface FenceListener {
        void fenced(ConnectionId id, long epoch, String by);
    }

    private final String selfId;
    private final boolean gated;
    private final java.util.concurrent.atomic.AtomicLong liveGeneration = new java.util.concurrent.atomic.AtomicLong();
    private final Function<String, InetSocketAddress> resolve;
    private final ChannelOpener opener;
    private final FenceListener fenceListener;
    private final List<BackupLink> links = new ArrayList<>();
    private final Map<ConnectionId, ReplicaFeed> feeds = new ConcurrentHashMap<>();
    private final Duration pauseGap;
    private volatile boolean halted;
    private volatile Thread watchdog;

    public Replicator(String selfId, List<String> backupIds, boolean gated, Function<String, InetSocketAddress> resolve,
                      ChannelOpener opener, StateSealer sealer, InstantSource clock, Duration ackTimeout,
                      FenceListener fenceListener) {
        this.selfId = selfId;
        this.gated = gated;
        this.resolve = resolve;
        this.opener = opener;
        this.fenceListener = fenceListener;
        this.pauseGap = ackTimeout.compareTo(MIN_PAUSE_GAP) > 0 ? ackTimeout : MIN_PAUSE_GAP;
        for (String b : backupIds) links.add(new BackupLink(b, this, sealer, clock, ackTimeout.toMillis()));
    }

    /** Starts the channels to the backups (they connect, and re-connect, in the background). */
    public Replicator start() {
        for (BackupLink l : links) l.start(selfId);
        if (!links.isEmpty()) {
            PauseDetector detector = new PauseDetector(System::nanoTime, pauseGap);
            watchdog = Thread.ofVirtual().name("mtcp-pause-watchdog-" + selfId).start(() -> watch(detector));
        }
        return this;
    }

    /**
     * After this process did not run for longer than the pause gap (SIGSTOP, frozen VM), every
     * connection asks its backups to confirm its epoch: one that failed over meanwhile is answered
     * COMMIT and fenced, even when it has nothing to replicate and its new owner gave up telling it.
     */
    private void watch(PauseDetector detector) {
        while (!halted) {
            try {
                Thread.sleep(WATCHDOG_TICK_MILLIS);   // the watchdog's tick: its lateness is what it measures
            } catch (InterruptedException e) {
                return;
            }
            long pausedNanos = detector.check();
            if (pausedNanos > 0 && !halted) {
                log.info("server {}: did not run for {} ms (paused?); asking the backups to confirm the epoch of its {} "
                        + "connections", selfId, pausedNanos / 1_000_000, feeds.size());
                confirmEpochs();
            }
        }
    }

    /** Every replicated connection asks its backups whether it moved on (fenced when it did). */
    public void confirmEpochs() {
        feeds.values().forEach(ReplicaFeed::confirmEpoch);
    }

    public boolean enabled() {
        return !links.isEmpty();
    }

    /** Replicates {@code s} from now on (before it is attached to a carrier). No-op without backups. */
    public void attach(ServerSession s) {
        if (links.isEmpty() || halted) return;
        ReplicaFeed f = new ReplicaFeed(s, links, this::liveGeneration);
        feeds.put(s.id(), f);
        s.replicateWith(f, gated);
        if (gated) f.updateGate();
    }

    /** The backups currently counted as live (connected and acknowledging). */
    public Set<String> liveBackups() {
        Set<String> out = new TreeSet<>();
        for (BackupLink l : links) if (l.isLive()) out.add(l.backupId);
        return out;
    }

    /** Stops replicating at once without sending anything more (crash, shutdown). */
    public void halt() {
        halted = true;
        links.forEach(BackupLink::halt);
        if (watchdog != null) watchdog.interrupt();
    }

    @Override
    public void close() {
        halt();
    }

    // ---- for the links ------------------------------------------------------------------------

    String selfId() { return selfId; }

    InetSocketAddress addressOf(String peerId) {
        return resolve.apply(peerId);
    }

    Carrier open(String peerId, InetSocketAddress address) throws IOException, ProtocolException {
        return opener.open(peerId, address);
    }

    Collection<ReplicaFeed> feeds() {
        return feeds.values();
    }

    ReplicaFeed feed(ConnectionId id) {
        return feeds.get(id);
    }

    void maybeForget(ReplicaFeed f) {
        if (f.allDone()) feeds.remove(f.session.id(), f);
    }

    void updateAllGates() {
        if (gated) feeds.values().forEach(ReplicaFeed::updateGate);
    }

    /** A backup joined or left the live set: every gate is recomputed from the new set, also downwards. */
    void livenessChanged() {
        liveGeneration.incrementAndGet();
        updateAllGates();
    }

    /** Bumped on every change of the live set; a gate computed under an older set never overrides a newer one. */
    long liveGeneration() {
        return liveGeneration.get();
    }

    void fencedByBackup(ConnectionId id, long epoch, String backupId) {
        ReplicaFeed f = feeds.get(id);
        if (f == null) return;
        if (f.session.fencedBy(epoch)) {   // a backup holds it at a newer epoch
            fenceListener.fenced(id, epoch, backupId);
        }
        feeds.remove(id, f);
        log.debug("conn={} replication stopped: fenced", id);
    }
}
