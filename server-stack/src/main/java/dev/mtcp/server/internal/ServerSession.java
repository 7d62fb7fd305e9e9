package dev.mtcp.server.internal;

import dev.mtcp.protocol.ConnectionId;
import dev.mtcp.protocol.ErrorCode;
import dev.mtcp.protocol.ProtocolException;
import dev.mtcp.protocol.carrier.Carrier;
import dev.mtcp.protocol.frame.Data;
import dev.mtcp.protocol.frame.Frame;
import dev.mtcp.protocol.frame.Limits;
import dev.mtcp.protocol.session.ByteLog;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server side of one migratory connection: its {@link Upstream} and {@link Downstream} halves,
 * the app's last snapshot with the offsets it covers, the epoch and the current carrier.
 *
 * <p>Three parties touch it: the carrier's reader thread (DATA, ACK, FIN), the app's thread (reads,
 * writes, checkpoints) and the peer service (fence for a FETCH). All state is guarded by one lock;
 * nothing here blocks on the network (frames go through the carrier's writer queue). Backpressure:
 * upstream by withholding ACKs, downstream by blocking the app's writes; nothing is ever dropped.
 */
public final class ServerSession {
    private static final Logger log = LoggerFactory.getLogger(ServerSession.class);

    public enum Phase { ACTIVE, MOVING, CLOSED }

    private final ConnectionId id;
    private final byte[] connectionKey;
    private final SessionHost host;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final Upstream up;
    private final Downstream down;
    private final byte[] importedSnapshot;
    private final SnapshotHistory history = new SnapshotHistory();

    private long epoch;
    private byte[] ticket;
    private Phase phase = Phase.ACTIVE;
    private Carrier carrier;
    private MigratableState captured;
    private boolean appDone;
    private boolean clientClosed;    // CLOSE after FIN: the app may still read what was sent, writes fail
    private byte[] snapshot;
    private long inSnap;
    private long outSnap;

    // replication (crash failover): null hook = not replicated; upSafe caps ACKs, Downstream caps DATA/FIN
    private ReplicationHook replication;
    private long upSafe = Long.MAX_VALUE;
    private long gateGeneration = -1;
    private volatile boolean arrivedByLiveMigration;
    private long checkpoints;
    private boolean leftOrFenced;    // moved away or fenced: the replicas belong to the new owner now

    private ServerSession(ConnectionId id, byte[] connectionKey, long epoch, byte[] ticket, SessionHost host,
                          SessionLimits limits, MigratableState from) {
        this.id = id;
        this.connectionKey = connectionKey.clone();
        this.epoch = epoch;
        this.ticket = ticket;
        this.host = host;
        if (from == null) {
            up = new Upstream(id, limits.inputLogBytes(), 0, new byte[0], -1);
            down = new Downstream(id, limits.outputLogBytes(), limits.sendWindowBytes(), 0, new byte[0], 0, 0, -1);
            importedSnapshot = null;
        } else {
            up = new Upstream(id, limits.inputLogBytes(), from.inSnap(), from.inputLog(), from.upFin());
            down = new Downstream(id, limits.outputLogBytes(), limits.sendWindowBytes(), from.outStart(),
                    from.outputLog(), from.producedEnd(), from.outSnap(), from.downFin());
            inSnap = from.inSnap();
            outSnap = from.outSnap();
            appDone = from.appDone();
            snapshot = from.snapshot();
            importedSnapshot = from.snapshot();
            if (snapshot != null) history.record(snapshot, inSnap, outSnap);
        }
    }

    public static ServerSession fresh(ConnectionId id, byte[] kc, long epoch, byte[] ticket, SessionHost host,
                                      SessionLimits limits) {
        return new ServerSession(id, kc, epoch, ticket, host, limits, null);
    }

    public static ServerSession resumed(MigratableState st, long epoch, byte[] ticket, SessionHost host,
                                        SessionLimits limits) {
        return new ServerSession(st.id(), st.connectionKey(), epoch, ticket, host, limits, st);
    }

    public ConnectionId id() { return id; }

    /** Marks a session that arrived by a live migration (sent here on purpose: a hint, an operator, a policy). */
    void markArrivedByLiveMigration() { arrivedByLiveMigration = true; }
    /** Whether this session arrived by a live migration rather than as a new connection or a failover. */
    public boolean arrivedByLiveMigration() { return arrivedByLiveMigration; }
    public byte[] connectionKey() { return connectionKey.clone(); }
    Optional<byte[]> importedSnapshot() { return Optional.ofNullable(importedSnapshot).map(byte[]::clone); }

    public long epoch() {
        lock.lock();
        try { return epoch; } finally { lock.unlock(); }
    }

    public Phase phase() {
        lock.lock();
        try { return phase; } finally { lock.unlock(); }
    }

    public boolean appDone() {
        lock.lock();
        try { return appDone; } finally { lock.unlock(); }
    }

    /** Upstream offset the client resumes from: everything this server holds. */
    public long upDurable() {
        lock.lock();
        try { return up.received(); } finally { lock.unlock(); }
    }

    public byte[] ticket() {
        lock.lock();
        try { return ticket.clone(); } finally { lock.unlock(); }
    }

    public SessionView view() {
        lock.lock();
        try {
            return new SessionView(id, epoch, phase, carrier != null, up.bytesReceived(), down.bytesProduced(),
                    up.received(), down.logEnd());
        } finally {
            lock.unlock();
        }
    }

    // ---- carrier side -------------------------------------------------------------------------

    /**
     * Makes {@code c} the connection's carrier at {@code newEpoch} and queues, in order: the WELCOME
     * the caller built, the output log from {@code downStart} (skipping what the client has), FIN if
     * the output is closed, the current ACK. A previous carrier is closed (fenced).
     */
    public void attach(Carrier c, long newEpoch, byte[] newTicket, Frame welcome, long downStart,
                       long clientDelivered) throws ProtocolException {
        lock.lock();
        try {
            if (phase != Phase.ACTIVE) {
                throw new ProtocolException(ErrorCode.FENCED, "connection " + id + " has moved away from this server");
            }
            if (newEpoch <= epoch && carrier != null) {
                throw new ProtocolException(ErrorCode.STALE_EPOCH,
                        "epoch " + newEpoch + " is not above " + epoch + " for connection " + id);
            }
            Carrier old = carrier;
            carrier = c;
            epoch = Math.max(epoch, newEpoch);
            ticket = newTicket;
            if (old != null) old.close();
            c.send(welcome);
            down.restart(downStart, clientDelivered, c);
            up.resetAck();
            sendAck();
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** The downstream offset a resume starts from, given what the client says it delivered. */
    public long downStartFor(long clientDelivered) {
        lock.lock();
        try { return down.startFor(clientDelivered); } finally { lock.unlock(); }
    }

    /** Called by the reader before each read: blocks while the input log is over its hard cap. */
    public void awaitInputRoom(Carrier c) throws InterruptedException {
        lock.lock();
        try {
            while (carrier == c && phase == Phase.ACTIVE && up.overHardCap()) changed.await();
        } finally {
            lock.unlock();
        }
    }

    public void onData(Carrier c, Data d) throws ProtocolException {
        lock.lock();
        try {
            if (carrier != c || phase != Phase.ACTIVE) return;
            if (!up.accept(d)) return;
            if (appDone) up.discardAll();
            replicate();
            sendAck();
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    public void onAck(Carrier c, long offset) throws ProtocolException {
        lock.lock();
        try {
            if (carrier != c || phase != Phase.ACTIVE) return;
            down.ack(offset, carrier);
            history.trim(down.logStart());
            changed.signalAll();
            replicate();
            maybeFinish();
        } finally {
            lock.unlock();
        }
    }

    public void onFin(Carrier c, long endOffset) throws ProtocolException {
        lock.lock();
        try {
            if (carrier != c || phase != Phase.ACTIVE) return;
            up.fin(endOffset);
            replicate();
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * The client closed the connection for good (CLOSE). As with TCP, an app still reading gets the
     * bytes the client sent before its FIN and then EOF; its writes fail (nobody reads them). The
     * session ends when the app returns, or after the detached linger.
     */
    public void onClientClose(Carrier c) {
        lock.lock();
        try {
            if (carrier != c || phase != Phase.ACTIVE) return;
            if (up.upFin() < 0 || appDone) {
                end("client closed");
                return;
            }
            clientClosed = true;
            carrier = null;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        c.close();
        host.sessionDetached(this);
    }

    /**
     * The carrier broke or hit EOF without CLOSE: keep the session, detached, for the client to come
     * back. The client may instead have failed over while this server was paused or cut off, so the
     * backups are asked whether the connection moved on (they answer COMMIT and the session is fenced).
     */
    public void onCarrierLost(Carrier c, String why) {
        ReplicationHook hook;
        lock.lock();
        try {
            if (carrier != c) return;
            carrier = null;
            hook = phase == Phase.ACTIVE ? replication : null;
            log.debug("conn={} carrier {} lost ({}), waiting for the client to migrate", id, c.label(), why);
        } finally {
            lock.unlock();
        }
        c.close();
        host.sessionDetached(this);
        if (hook != null) hook.confirmEpoch();
    }

    /** Expires a session still detached (called by the server after its linger time). */
    public void expireIfDetached() {
        lock.lock();
        try {
            if (carrier == null && phase == Phase.ACTIVE) {
                log.info("conn={} no carrier came back in time, closing", id);
                end("detached too long");
            }
        } finally {
            lock.unlock();
        }
    }

    /** Queues a control frame (hint, pong) on the current carrier, if any. */
    public boolean sendControl(Frame f) {
        lock.lock();
        try {
            if (carrier == null || phase != Phase.ACTIVE) return false;
            carrier.send(f);
            return true;
        } finally {
            lock.unlock();
        }
    }

    // ---- migration away (origin side) --------------------------------------------------------

    /**
     * Fences the connection at {@code newEpoch} and captures its state: the app is stopped (its
     * streams fail), the carrier is closed, later MIGRATEs below the new epoch are refused.
     * A session already fenced (destination died before COMMIT) hands out the same state again.
     *
     * <p>The output log shipped is only what the destination cannot get otherwise: bytes from what
     * the client says it delivered ({@code clientDelivered}, signed in its MIGRATE) up to the
     * {@code outSnap} of the snapshot shipped. Bytes after it are regenerated by the resumed app (the
     * app contract: output is a deterministic function of snapshot and input), unless the app already
     * finished, in which case the whole rest of the log is shipped. The snapshot shipped is the newest
     * checkpoint at the current {@code inSnap} whose output the client already has
     * ({@link SnapshotHistory}), else the latest one: for a download that means no output log at all,
     * only the snapshot, whatever the send window held unacknowledged. STATE stays near the
     * snapshot's size instead of the window or the output log limit, which is what the migration
     * pause pays for, above all when the origin's own link is the slow one.
     */
    public MigratableState fence(long newEpoch, long clientDelivered) throws ProtocolException {
        Carrier old;
        lock.lock();
        try {
            if (phase == Phase.CLOSED) {
                throw new ProtocolException(ErrorCode.UNKNOWN_CONNECTION, "connection " + id + " is closed");
            }
            if (newEpoch <= epoch) {
                throw new ProtocolException(ErrorCode.STALE_EPOCH,
                        "epoch " + newEpoch + " is not above " + epoch + " for connection " + id);
            }
            epoch = newEpoch;
            if (phase == Phase.MOVING) return captured;
            phase = Phase.MOVING;
            leftOrFenced = true;
            long from = down.shipFrom(clientDelivered);
            byte[] shipSnapshot = snapshot;
            long shipOutSnap = outSnap;
            var older = appDone ? java.util.Optional.<SnapshotHistory.Entry>empty() : history.newestAtOrBelow(inSnap, from);
            if (older.isPresent()) {
                shipSnapshot = older.get().snapshot();
                shipOutSnap = older.get().outSnap();
            }
            long to = appDone ? down.logEnd() : Math.max(from, shipOutSnap);
            captured = new MigratableState(id, newEpoch, connectionKey, shipSnapshot, inSnap, shipOutSnap,
                    up.logFrom(inSnap), up.upFin(), from, down.copy(from, to), down.producedEnd(), down.downFin(), appDone);
            old = carrier;
            carrier = null;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        if (old != null) old.abort();     // its unsent bytes are worthless now: free the link for STATE
        log.debug("conn={} fenced at epoch {}: ships the snapshot at outSnap {} and {} output log bytes from {}",
                id, newEpoch, captured.outSnap(), captured.outputLog().length, captured.outStart());
        return captured;
    }

    /** COMMIT from the destination: the connection now lives there. */
    public boolean commit(long committedEpoch) {
        lock.lock();
        try {
            if (phase != Phase.MOVING || committedEpoch != epoch) return false;
            phase = Phase.CLOSED;
            captured = null;
            replicate();
        } finally {
            lock.unlock();
        }
        host.sessionEnded(this, committedEpoch);
        return true;
    }

    /**
     * Another server holds this connection at {@code movedEpoch} (it was taken from a backup while this
     * server was unreachable or paused): stop for good, send nothing more to the client.
     */
    public boolean fencedBy(long movedEpoch) {
        lock.lock();
        try {
            if (phase != Phase.ACTIVE || movedEpoch <= epoch) return false;
            log.warn("conn={} fenced: the connection moved on at epoch {} (this server had {})", id, movedEpoch, epoch);
            epoch = movedEpoch;
            leftOrFenced = true;
            end("fenced by a peer");
            return true;
        } finally {
            lock.unlock();
        }
    }

    // ---- app side ----------------------------------------------------------------------------

    int appRead(byte[] b, int off, int len) throws IOException {
        if (len == 0) return 0;
        lock.lock();
        try {
            while (true) {
                checkActive();
                if (up.available() > 0) return up.read(b, off, len);
                if (up.atEndOfStream()) return -1;
                awaitChange();
            }
        } finally {
            lock.unlock();
        }
    }

    int appAvailable() {
        lock.lock();
        try { return (int) Math.min(Integer.MAX_VALUE, up.available()); } finally { lock.unlock(); }
    }

    void appWrite(byte[] b, int off, int len) throws IOException {
        lock.lock();
        try {
            while (len > 0) {
                checkWritable();
                int n = Math.min(len, Limits.MAX_DATA_BYTES);
                while (down.mustWait(n)) {
                    awaitChange();
                    checkWritable();
                }
                down.write(b, off, n, carrier);
                replicate();
                off += n;
                len -= n;
            }
        } finally {
            lock.unlock();
        }
    }

    void appCloseOutput() {
        lock.lock();
        try {
            if (phase != Phase.ACTIVE || down.closed()) return;
            down.close(carrier);
            replicate();
            maybeFinish();
        } finally {
            lock.unlock();
        }
    }

    void appExport(byte[] snap) {
        lock.lock();
        try {
            if (phase != Phase.ACTIVE) {
                throw new UncheckedIOException(new IOException("connection " + id + " moved away; checkpoint ignored"));
            }
            snapshot = snap.clone();
            inSnap = up.checkpoint();
            outSnap = down.produced();
            history.record(snapshot, inSnap, outSnap);
            checkpoints++;
            replicate();
            sendAck();
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** The app's serve() returned (or threw): close the output, finish once the client has everything. */
    public void appFinished() {
        lock.lock();
        try {
            appDone = true;
            if (phase != Phase.ACTIVE) return;
            if (clientClosed) {
                end("client closed, app finished");
                return;
            }
            down.close(carrier);
            up.discardAll();
            replicate();
            sendAck();
            maybeFinish();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Drops the session with the server (shutdown): the carrier is closed without CLOSE, exactly as
     * a crash looks to the client, which then tries the other servers.
     */
    public void shutdown(String why) {
        lock.lock();
        try {
            if (phase == Phase.ACTIVE) end(why);
        } finally {
            lock.unlock();
        }
    }

    // ---- internals (lock held) ---------------------------------------------------------------

    private void sendAck() {
        if (carrier != null) up.nextAck(upSafe).ifPresent(carrier::send);
    }

    // ---- replication (origin side) -----------------------------------------------------------

    /** What the replicator reads, with the session's lock held (the logs must not escape the call). */
    public record Live(ConnectionId id, long epoch, byte[] connectionKey, ByteLog in, ByteLog out, byte[] snapshot,
                       long inSnap, long outSnap, long checkpoints, long upFin, long downFin, boolean appDone,
                       Phase phase, boolean ended) {
    }

    /**
     * Replicates this session through {@code hook}. When {@code gated} (ack-on-replicate), upstream
     * bytes are ACKed, and downstream bytes and FIN sent, only as far as {@link #onReplicated}
     * allows. Call before {@link #attach}.
     */
    public void replicateWith(ReplicationHook hook, boolean gated) {
        lock.lock();
        try {
            replication = hook;
            if (gated) {
                upSafe = 0;
                down.closeGate();
            }
            hook.changed();
        } finally {
            lock.unlock();
        }
    }

    public <T> T readLive(java.util.function.Function<Live, T> reader) {
        lock.lock();
        try {
            return reader.apply(new Live(id, epoch, connectionKey, up.log(), down.log(), snapshot, inSnap, outSnap,
                    checkpoints, up.upFin(), down.downFin(), appDone, phase, phase == Phase.CLOSED && !leftOrFenced));
        } finally {
            lock.unlock();
        }
    }

    /**
     * Every backup of live set {@code generation} holds upstream to {@code upTo}, downstream to {@code downTo}
     * (and FIN if {@code fin}).
     */
    public void onReplicated(long upTo, long downTo, boolean fin, long generation) {
        lock.lock();
        try {
            if (generation < gateGeneration) return;   // computed from a live set that changed since
            boolean newSet = generation > gateGeneration;
            gateGeneration = generation;
            // within one live set the gate only opens (answers may arrive out of order); a new set (a backup
            // came back) may close it again, down to what the client was already told
            upSafe = newSet ? Math.max(upTo, up.highestAck()) : Math.max(upSafe, upTo);
            down.gateTo(downTo, fin, newSet, phase == Phase.ACTIVE ? carrier : null);
            if (phase != Phase.ACTIVE) return;
            sendAck();
            maybeFinish();
        } finally {
            lock.unlock();
        }
    }

    private void replicate() {
        if (replication != null) replication.changed();
    }

    private void maybeFinish() {
        if (appDone && down.allDelivered() && phase == Phase.ACTIVE) {
            if (carrier != null) carrier.sendAndClose(new dev.mtcp.protocol.frame.Close(ErrorCode.NORMAL_CLOSE, "done"));
            carrier = null;
            end("finished");
        }
    }

    private void end(String why) {
        phase = Phase.CLOSED;
        Carrier c = carrier;
        carrier = null;
        if (c != null) c.close();
        changed.signalAll();
        replicate();
        log.debug("conn={} ended: {}", id, why);
        long e = epoch;
        Thread.ofVirtual().start(() -> host.sessionEnded(this, e));
    }

    private void checkActive() throws IOException {
        if (phase == Phase.MOVING) throw new IOException("connection " + id + " moved to another server");
        if (phase == Phase.CLOSED) throw new IOException("connection " + id + " is closed");
    }

    private void checkWritable() throws IOException {
        checkActive();
        if (clientClosed) throw new IOException("connection " + id + " was closed by the client");
        if (down.closed()) throw new IOException("output of connection " + id + " is already closed");
    }

    private void awaitChange() throws InterruptedIOException {
        try {
            changed.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting on connection " + id);
        }
    }
}
