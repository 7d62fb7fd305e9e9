package dev.mtcp.server.internal;

import dev.mtcp.protocol.ConnectionId;
import dev.mtcp.protocol.ErrorCode;
import dev.mtcp.protocol.ProtocolException;
import dev.mtcp.protocol.frame.Ack;
import dev.mtcp.protocol.frame.Close;
import dev.mtcp.protocol.frame.Data;
import dev.mtcp.protocol.frame.Fin;
import dev.mtcp.protocol.frame.Frame;
import dev.mtcp.protocol.frame.Limits;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server side of one migratory connection: input log, output log, snapshot and offsets.
 *
 * <p>Three parties touch it: the carrier's reader thread (DATA, ACK, FIN), the app's thread
 * (reads, writes, checkpoints) and the peer service (fence for a FETCH). All state is guarded by one
 * lock; nothing here blocks on the network (frames go through the carrier's writer queue).
 *
 * <p>Flow control: upstream bytes are ACKed only up to {@code inSnap + inputLimit}, so a client whose
 * send window is W never makes this log hold more than {@code inputLimit + W}; the reader stops
 * reading the carrier only past a hard cap (a misbehaving client). The app's writes block while the
 * output log (bytes the client has not ACKed) is at its limit. Nothing is ever dropped.
 */
public final class ServerSession {
    private static final Logger log = LoggerFactory.getLogger(ServerSession.class);

    public enum Phase { ACTIVE, MOVING, CLOSED }

    private final ConnectionId id;
    private final byte[] connectionKey;
    private final SessionHost host;
    private final long inputLimitBytes;
    private final long outputLimitBytes;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();

    private long epoch;
    private byte[] ticket;
    private Phase phase = Phase.ACTIVE;
    private Carrier carrier;
    private MigratableState captured;

    private final ByteLog in;
    private long consumed;
    private long upFin = -1;
    private long ackSent = -1;
    private final ByteLog out;
    private long produced;
    private long clientHasDown;      // the client said it has downstream bytes below this: don't resend them
    private long clientAcked;        // highest downstream ACK; may run ahead of the log while the app regenerates
    private long producedEnd;        // highest downstream offset ever produced for this connection (any server)
    private long sentUpTo;           // next downstream offset to put on the current carrier
    private boolean finSent;
    private final long windowBytes;
    private long downFin = -1;
    private boolean appDone;

    private byte[] snapshot;
    private long inSnap;
    private long outSnap;
    private final byte[] importedSnapshot;
    private long bytesUp;
    private long bytesDown;

    private ServerSession(ConnectionId id, byte[] connectionKey, long epoch, byte[] ticket, SessionHost host,
                          SessionLimits limits, MigratableState from) {
        this.id = id;
        this.connectionKey = connectionKey.clone();
        this.epoch = epoch;
        this.ticket = ticket;
        this.host = host;
        this.inputLimitBytes = limits.inputLogBytes();
        this.outputLimitBytes = limits.outputLogBytes();
        this.windowBytes = limits.sendWindowBytes();
        if (from == null) {
            in = new ByteLog(0);
            out = new ByteLog(0);
            importedSnapshot = null;
        } else {
            in = new ByteLog(from.inSnap());
            in.append(from.inputLog());
            consumed = from.inSnap();
            inSnap = from.inSnap();
            upFin = from.upFin();
            out = new ByteLog(from.outStart());
            out.append(from.outputLog());
            producedEnd = Math.max(from.producedEnd(), out.end());
            clientAcked = from.outStart();
            produced = from.outSnap();
            outSnap = from.outSnap();
            downFin = from.downFin();
            appDone = from.appDone();
            snapshot = from.snapshot();
            importedSnapshot = from.snapshot();
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
        try { return in.end(); } finally { lock.unlock(); }
    }

    public byte[] ticket() {
        lock.lock();
        try { return ticket.clone(); } finally { lock.unlock(); }
    }

    public SessionView view() {
        lock.lock();
        try {
            return new SessionView(id, epoch, phase, carrier != null, bytesUp, bytesDown, in.end(), out.end());
        } finally {
            lock.unlock();
        }
    }

    // ---- carrier side -------------------------------------------------------------------------

    /**
     * Makes {@code c} the connection's carrier at {@code newEpoch} and queues, in order: the WELCOME
     * the caller built, the output log from {@code downStart}, FIN if the output is closed.
     * A previous carrier is closed (fenced).
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
            clientHasDown = clientDelivered;
            epoch = Math.max(epoch, newEpoch);
            ticket = newTicket;
            if (old != null) old.close();
            c.send(welcome);
            sentUpTo = Math.max(downStart, out.start());
            finSent = false;
            pump();
            ackSent = -1;
            maybeAck();
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** The downstream offset a resume starts from, given what the client says it delivered. */
    public long downStartFor(long clientDelivered) {
        lock.lock();
        try {
            return Math.min(Math.max(clientDelivered, out.start()), out.end());
        } finally {
            lock.unlock();
        }
    }

    /** Called by the reader before each read: blocks while the input log is over its hard cap. */
    public void awaitInputRoom(Carrier c) throws InterruptedException {
        lock.lock();
        try {
            while (carrier == c && phase == Phase.ACTIVE && in.sizeBytes() >= hardCapBytes()) {
                changed.await();
            }
        } finally {
            lock.unlock();
        }
    }

    private long hardCapBytes() {
        return 2 * inputLimitBytes + 4L * Limits.MAX_DATA_BYTES;
    }

    public void onData(Carrier c, Data d) throws ProtocolException {
        lock.lock();
        try {
            if (carrier != c || phase != Phase.ACTIVE) return;
            long end = in.end();
            if (d.offset() > end) {
                throw new ProtocolException(ErrorCode.PROTOCOL_ERROR,
                        "DATA at " + d.offset() + " leaves a gap after " + end + " on connection " + id);
            }
            if (upFin >= 0 && d.endOffset() > upFin) {
                throw new ProtocolException(ErrorCode.PROTOCOL_ERROR, "DATA past FIN on connection " + id);
            }
            if (d.endOffset() <= end) return;
            int skip = (int) (end - d.offset());
            byte[] fresh = new byte[d.length() - skip];
            d.copyTo(skip, fresh, 0, fresh.length);
            in.append(fresh);
            bytesUp += fresh.length;
            if (appDone) {
                in.trimTo(in.end());
                consumed = in.end();
            }
            maybeAck();
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    public void onAck(Carrier c, long offset) throws ProtocolException {
        lock.lock();
        try {
            if (carrier != c || phase != Phase.ACTIVE) return;
            if (offset > Math.max(out.end(), producedEnd)) {
                throw new ProtocolException(ErrorCode.PROTOCOL_ERROR,
                        "ACK " + offset + " beyond the " + Math.max(out.end(), producedEnd) + " bytes sent on connection " + id);
            }
            clientAcked = Math.max(clientAcked, offset);
            out.trimTo(clientAcked);
            pump();
            changed.signalAll();
            maybeFinish();
        } finally {
            lock.unlock();
        }
    }

    public void onFin(Carrier c, long endOffset) throws ProtocolException {
        lock.lock();
        try {
            if (carrier != c || phase != Phase.ACTIVE) return;
            if (endOffset < in.end() || (upFin >= 0 && upFin != endOffset)) {
                throw new ProtocolException(ErrorCode.PROTOCOL_ERROR, "FIN at " + endOffset
                        + " contradicts " + in.end() + " bytes received on connection " + id);
            }
            upFin = endOffset;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** The client closed the connection for good (CLOSE). */
    public void onClientClose(Carrier c) {
        lock.lock();
        try {
            if (carrier != c || phase != Phase.ACTIVE) return;
            end("client closed");
        } finally {
            lock.unlock();
        }
    }

    /** The carrier broke or hit EOF without CLOSE: keep the session, detached, for the client to come back. */
    public void onCarrierLost(Carrier c, String why) {
        lock.lock();
        try {
            if (carrier != c) return;
            carrier = null;
            log.debug("conn={} carrier {} lost ({}), waiting for the client to migrate", id, c.label(), why);
        } finally {
            lock.unlock();
        }
        c.close();
        host.sessionDetached(this);
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
     * the client says it delivered ({@code clientDelivered}, signed in its MIGRATE) up to
     * {@code outSnap}. Bytes after {@code outSnap} are regenerated by the resumed app (the app
     * contract: output is a deterministic function of snapshot and input), unless the app already
     * finished, in which case the whole rest of the log is shipped. This keeps STATE near the
     * snapshot's size instead of the output log limit, which is what the migration pause pays for.
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
            long from = Math.max(out.start(), Math.min(clientDelivered, out.end()));
            long to = appDone ? out.end() : Math.max(from, outSnap);
            byte[] logBytes = new byte[Math.toIntExact(to - from)];
            out.copy(from, logBytes, 0, logBytes.length);
            captured = new MigratableState(id, newEpoch, connectionKey, snapshot, inSnap, outSnap,
                    in.toArray(inSnap), upFin, from, logBytes, Math.max(producedEnd, out.end()), downFin, appDone);
            old = carrier;
            carrier = null;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        if (old != null) old.close();
        log.debug("conn={} fenced at epoch {}", id, newEpoch);
        return captured;
    }

    /** COMMIT from the destination: the connection now lives there. */
    public boolean commit(long committedEpoch) {
        lock.lock();
        try {
            if (phase != Phase.MOVING || committedEpoch != epoch) return false;
            phase = Phase.CLOSED;
            captured = null;
        } finally {
            lock.unlock();
        }
        host.sessionEnded(this, committedEpoch);
        return true;
    }

    // ---- app side ----------------------------------------------------------------------------

    int appRead(byte[] b, int off, int len) throws IOException {
        if (len == 0) return 0;
        lock.lock();
        try {
            while (true) {
                checkActive();
                if (consumed < in.end()) break;
                if (upFin >= 0 && consumed >= upFin) return -1;
                awaitChange();
            }
            int n = in.copy(consumed, b, off, (int) Math.min(len, in.end() - consumed));
            consumed += n;
            return n;
        } finally {
            lock.unlock();
        }
    }

    int appAvailable() {
        lock.lock();
        try {
            return (int) Math.min(Integer.MAX_VALUE, in.end() - consumed);
        } finally {
            lock.unlock();
        }
    }

    void appWrite(byte[] b, int off, int len) throws IOException {
        lock.lock();
        try {
            while (len > 0) {
                checkWritable();
                int n = Math.min(len, Limits.MAX_DATA_BYTES);
                if (produced + n > out.end()) {
                    while (out.sizeBytes() >= outputLimitBytes) {
                        awaitChange();
                        checkWritable();
                    }
                }
                long offset = produced;
                produced += n;
                if (produced > out.end()) {
                    int skip = (int) (out.end() - offset);
                    byte[] part = Arrays.copyOfRange(b, off + skip, off + n);
                    long at = out.end();
                    out.append(part);
                    producedEnd = Math.max(producedEnd, out.end());
                    if (clientAcked > out.start()) out.trimTo(clientAcked);
                    bytesDown += part.length;
                    pump();
                }
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
            if (phase != Phase.ACTIVE || downFin >= 0) return;
            downFin = Math.max(produced, out.end());
            pump();
            maybeFinish();
        } finally {
            lock.unlock();
        }
    }

    void appExport(byte[] snap) {
        lock.lock();
        try {
            if (phase != Phase.ACTIVE) {
                throw new java.io.UncheckedIOException(new IOException("connection " + id + " moved away; checkpoint ignored"));
            }
            snapshot = snap.clone();
            inSnap = consumed;
            outSnap = produced;
            in.trimTo(consumed);
            maybeAck();
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
            if (downFin < 0) {
                downFin = Math.max(produced, out.end());
                pump();
            }
            in.trimTo(in.end());
            consumed = in.end();
            maybeAck();
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

    /**
     * Puts output-log bytes on the carrier: from where sending stopped (never below what the client
     * ACKed or said it has) up to {@code clientAcked + window}. The window bounds the bytes in flight
     * on a carrier, which is what a migration must resend; then FIN once everything is out.
     */
    private void pump() {
        if (carrier == null) return;
        long start = Math.max(Math.max(sentUpTo, clientAcked), Math.max(clientHasDown, out.start()));
        long limit = Math.min(out.end(), Math.max(clientAcked, out.start()) + windowBytes);
        while (start < limit) {
            int n = (int) Math.min(Limits.MAX_DATA_BYTES, limit - start);
            byte[] b = new byte[n];
            out.copy(start, b, 0, n);
            carrier.send(new Data(start, b));
            start += n;
        }
        sentUpTo = Math.max(sentUpTo, start);
        if (downFin >= 0 && !finSent && sentUpTo >= downFin) {
            carrier.send(new Fin(downFin));
            finSent = true;
        }
    }

    private void maybeAck() {
        long ackable = Math.min(in.end(), in.start() + inputLimitBytes);
        if (ackable > ackSent && carrier != null) {
            carrier.send(new Ack(ackable));
            ackSent = ackable;
        }
    }

    private void maybeFinish() {
        if (appDone && downFin >= 0 && Math.max(out.start(), clientAcked) >= downFin && phase == Phase.ACTIVE) {
            if (carrier != null) carrier.sendAndClose(new Close(ErrorCode.NORMAL_CLOSE, "done"));
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
        if (downFin >= 0) throw new IOException("output of connection " + id + " is already closed");
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
