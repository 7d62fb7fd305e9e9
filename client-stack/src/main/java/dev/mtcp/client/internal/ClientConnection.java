package dev.mtcp.client.internal;

import dev.mtcp.client.ClientConfig;
import dev.mtcp.client.ConnectionObserver;
import dev.mtcp.client.ConnectionStatus;
import dev.mtcp.client.MigrationEvent;
import dev.mtcp.client.MigrationListener;
import dev.mtcp.protocol.ConnectionId;
import dev.mtcp.protocol.ErrorCode;
import dev.mtcp.protocol.ProtocolException;
import dev.mtcp.protocol.carrier.Carrier;
import dev.mtcp.protocol.crypto.MigrateRequest;
import dev.mtcp.protocol.frame.Ack;
import dev.mtcp.protocol.frame.Close;
import dev.mtcp.protocol.frame.Data;
import dev.mtcp.protocol.frame.Fin;
import dev.mtcp.protocol.frame.Frame;
import dev.mtcp.protocol.frame.MigrateHint;
import dev.mtcp.protocol.frame.Ping;
import dev.mtcp.protocol.frame.Pong;
import dev.mtcp.protocol.frame.ServerAddress;
import dev.mtcp.protocol.frame.Welcome;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client side of one migratory connection. One owner virtual thread holds all of its state and
 * takes work from a queue: app writes, carrier frames, migrate commands, handshake results. Carriers
 * are read by their own virtual threads and written by writer threads, so the owner never blocks.
 */
public final class ClientConnection {
    private static final Logger log = LoggerFactory.getLogger(ClientConnection.class);

    public enum Phase { OPEN, MIGRATING, FAILING_OVER, CLOSING, CLOSED, FAILED }

    private final ClientConfig cfg;
    private final ConnectionId id;
    private final byte[] kc;
    private final LinkedBlockingQueue<OwnerEvent> queue = new LinkedBlockingQueue<>();
    private final List<MigrationListener> listeners = new CopyOnWriteArrayList<>();
    private final List<ConnectionObserver> observers = new CopyOnWriteArrayList<>();
    final InboundBuffer inbound;
    private final DownstreamReceiver down;
    final FlowGate gate;
    private final Failover failover;
    private final java.security.SecureRandom random = new java.security.SecureRandom();

    // ---- owner-thread state -----------------------------------------------------------------
    private final Map<String, InetSocketAddress> servers = new LinkedHashMap<>();
    private byte[] ticket;
    private long epoch;
    private long highestEpochTried;
    private String server;
    private Carrier carrier;
    /** The current carrier's received-byte count at the last tick (failure detection). */
    private long carrierBytesSeen;
    private final UpstreamSender up;
    private long ackSent;
    private MigrationAttempt attempt;
    private final ArrayDeque<OwnerEvent.MigrateCmd> pending = new ArrayDeque<>();
    private FailureDetector detector;
    private long pingSeq;
    private long lastDownNanos = -1;
    private MigrationEvent awaitingPause;
    private long pauseBaseNanos;
    private long closeDeadlineNanos;
    private Phase phase = Phase.OPEN;

    // ---- published for status() -------------------------------------------------------------
    private volatile String pubServer;
    private volatile long pubEpoch;
    private volatile long pubMigrations;
    private volatile Phase pubPhase = Phase.OPEN;
    private volatile Map<String, InetSocketAddress> pubServers = Map.of();
    private volatile java.nio.channels.SocketChannel pubChannel;

    public ClientConnection(ClientConfig cfg, Handshakes.Opened opened, String serverId) {
        this.cfg = cfg;
        Welcome w = opened.welcome();
        this.id = w.id();
        this.kc = opened.connectionKey();
        this.ticket = w.ticket();
        this.epoch = w.epoch();
        this.highestEpochTried = w.epoch();
        this.server = serverId;
        this.carrier = opened.carrier();
        cfg.servers().forEach(s -> servers.put(s.id(), s.address()));
        mergeAlternates(w.alternates());
        this.inbound = new InboundBuffer(off -> post(new OwnerEvent.AppConsumed(off)));
        this.down = new DownstreamReceiver(inbound, observers);
        this.gate = new FlowGate(cfg.sendWindowBytes());
        this.up = new UpstreamSender(cfg.sendWindowBytes(), gate, observers);
        this.failover = new Failover(cfg.giveUpAfter());
        publish();
    }

    public ConnectionId id() { return id; }
    public ClientConfig config() { return cfg; }
    /** Every server this connection may move to (configured plus WELCOME alternates), in order. */
    public Map<String, InetSocketAddress> knownServers() { return pubServers; }
    /** The current carrier's kernel socket (TCP_INFO, pcap 4-tuple); empty while there is none. */
    public Optional<java.nio.channels.SocketChannel> carrierChannel() { return Optional.ofNullable(pubChannel); }
    public void addListener(MigrationListener l) { listeners.add(l); }
    public void addObserver(ConnectionObserver o) { observers.add(o); }

    public void start() {
        detector = new FailureDetector(cfg.deadAfter(), cfg.pingInterval(), now());
        Carrier c = carrier;
        c.startWriter(t -> post(new OwnerEvent.CarrierDown(c, "write failed: " + t.getMessage())));
        startReader(c);
        Thread.ofVirtual().name("mtcp-conn-" + id.hex().substring(0, 8)).start(this::ownerLoop);
        observers.forEach(o -> o.onCarrier(server, c.channel()));
    }

    void post(OwnerEvent e) {
        queue.add(e);
    }

    public ConnectionStatus status() {
        return new ConnectionStatus(id.hex(), pubServer == null ? "" : pubServer, pubEpoch, pubMigrations, up.published(),
                down.published(), pubPhase.name());
    }

    public CompletableFuture<MigrationEvent> migrate(Optional<String> target, String reason) {
        CompletableFuture<MigrationEvent> f = new CompletableFuture<>();
        post(new OwnerEvent.MigrateCmd(target, reason, f));
        return f;
    }

    // ---- owner loop ---------------------------------------------------------------------------

    private void ownerLoop() {
        try {
            while (phase != Phase.CLOSED && phase != Phase.FAILED) {
                OwnerEvent e = queue.poll(tickNanos(), TimeUnit.NANOSECONDS);
                while (e != null && phase != Phase.CLOSED && phase != Phase.FAILED) {
                    handle(e);
                    e = queue.poll();
                }
                tick();
                publish();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            giveUp("interrupted");
        } catch (RuntimeException e) {
            log.error("conn={} internal error", id, e);
            giveUp("internal error: " + e);
        }
        publish();
        for (OwnerEvent.MigrateCmd c : pending) c.future().completeExceptionally(new IOException("connection " + id + " is " + phase));
        pending.clear();
    }

    private long tickNanos() {
        return detector.tickNanos();
    }

    private void handle(OwnerEvent e) {
        switch (e) {
            case OwnerEvent.AppData d -> onAppData(d.bytes());
            case OwnerEvent.AppFin f -> onAppFin();
            case OwnerEvent.AppClose c -> onAppClose();
            case OwnerEvent.AppConsumed c -> { down.consumedTo(c.offset()); sendAck(); }
            case OwnerEvent.FrameIn f -> { if (f.carrier() == carrier) onFrame(f.frame()); }
            case OwnerEvent.CarrierDown d -> onCarrierDown(d.carrier(), d.why());
            case OwnerEvent.MigrateCmd m -> onMigrateCmd(m);
            case OwnerEvent.AttemptDone d -> onAttemptDone(d.attempt(), d.carrier(), d.welcome());
            case OwnerEvent.AttemptFailed f -> onAttemptFailed(f.attempt(), f.code(), f.why());
        }
    }

    // ---- app side -----------------------------------------------------------------------------

    private void onAppData(byte[] bytes) {
        up.write(bytes, carrier);
    }

    private void onAppFin() {
        up.finish(carrier);
    }

    private void onAppClose() {
        if (phase == Phase.CLOSING) return;
        onAppFin();
        inbound.fail(new IOException("migratory socket " + id + " is closed"), true);
        gate.fail(new IOException("migratory socket " + id + " is closed"));
        setPhase(Phase.CLOSING);
        closeDeadlineNanos = now() + cfg.giveUpAfter().toNanos();
        maybeCompleteClose();
    }

    private void maybeCompleteClose() {
        if (phase != Phase.CLOSING) return;
        if (up.unacked() == 0 && carrier != null) {
            carrier.sendAndClose(new Close(ErrorCode.NORMAL_CLOSE, "client closed"));
            carrier = null;
            setPhase(Phase.CLOSED);
            abandonAttempt();
        } else if (now() > closeDeadlineNanos) {
            if (carrier != null) carrier.close();
            carrier = null;
            setPhase(Phase.CLOSED);
            abandonAttempt();
            log.info("conn={} closed before the server acknowledged {} upstream bytes", id, up.unacked());
        }
    }

    private void sendAck() {
        long consumed = down.consumed();
        if (carrier != null && consumed > ackSent) {
            carrier.send(new Ack(consumed));
            ackSent = consumed;
        }
    }

    // ---- carrier frames -----------------------------------------------------------------------

    private void onFrame(Frame f) {
        detector.onHeard(now());
        switch (f) {
            case Data d -> onData(d);
            case Ack a -> onAck(a.offset());
            case Fin fin -> onFin(fin.endOffset());
            case Pong p -> onPong(p);
            case Ping p -> carrier.send(new Pong(p.id(), p.sendTimeNanos(), 0));
            case MigrateHint h -> onHint(h);
            case Close c -> onServerClose(c);
            default -> carrierFailed("unexpected " + f.type() + " from " + server);
        }
    }

    private void onData(Data d) {
        int fresh;
        try {
            fresh = down.onData(d);
        } catch (ProtocolException e) {
            carrierFailed(e.getMessage());
            return;
        }
        if (fresh == 0) return;
        long now = now();
        if (awaitingPause != null) {
            MigrationEvent e = awaitingPause.withPause(java.time.Duration.ofNanos(now - pauseBaseNanos));
            awaitingPause = null;
            listeners.forEach(l -> l.onPauseMeasured(e));
        }
        lastDownNanos = now;
    }

    private void onAck(long offset) {
        try {
            up.ack(offset);
        } catch (ProtocolException e) {
            carrierFailed(e.getMessage());
            return;
        }
        maybeCompleteClose();
    }

    private void onFin(long end) {
        try {
            down.onFin(end);
        } catch (ProtocolException e) {
            carrierFailed(e.getMessage());
        }
    }

    private void onPong(Pong p) {
        long now = now();
        long rtt = -1;
        if (p.sendTimeNanos() != 0 && detector.pingOutstanding()) {
            rtt = Math.max(0, now - p.sendTimeNanos());
            long sample = rtt;
            observers.forEach(o -> o.onRttSample(java.time.Duration.ofNanos(sample)));
        }
        detector.onPong(now, rtt);
        observers.forEach(o -> o.onServerLoad(p.loadPermille()));
        down.onServerDownEnd(p.downEnd());
    }

    private void onHint(MigrateHint h) {
        listeners.forEach(l -> l.onServerHint(id, h.reason(), h.targets()));
        if (!cfg.followServerHints()) return;
        Optional<String> target = h.targets().stream().filter(t -> servers.containsKey(t) && !t.equals(server)).findFirst();
        onMigrateCmd(new OwnerEvent.MigrateCmd(target, "server hint " + h.reason(), new CompletableFuture<>()));
    }

    private void onServerClose(Close c) {
        if (c.code() != ErrorCode.NORMAL_CLOSE) {
            carrierFailed("server " + server + " closed the carrier: " + c.code() + " " + c.reason());
            return;
        }
        IOException closed = new IOException("connection " + id + " was closed by the server");
        gate.fail(closed);
        if (down.finished()) inbound.finish();
        else inbound.fail(closed, false);
        carrier.close();
        carrier = null;
        setPhase(Phase.CLOSED);
        abandonAttempt();
    }

    private void onCarrierDown(Carrier c, String why) {
        if (c == carrier) carrierFailed(why);
    }

    private void carrierFailed(String why) {
        if (phase == Phase.CLOSING) {
            if (carrier != null) carrier.close();
            carrier = null;
            setPhase(Phase.CLOSED);
            return;
        }
        if (phase == Phase.MIGRATING && attempt != null) {
            // Expected during a live migration: the origin fences (closes) the old carrier as soon as it has
            // released the state, which can be before the destination's WELCOME reaches us. The attempt in
            // flight decides: done, the new carrier takes over; failed, failover goes on from here.
            // It is also the attempt's sign of progress: the FETCH reached the origin and STATE is on its way, so
            // the attempt gets a fresh migrateTimeout from here (STATE may cross a slow link).
            log.debug("conn={} old carrier to {} closed during the migration to {} ({})", id, server, attempt.target, why);
            attempt.progressed(now());
            if (carrier != null) carrier.close();
            carrier = null;
            failover.begin(now(), why);
            return;
        }
        log.info("conn={} carrier to {} failed ({}), failing over", id, server, why);
        if (carrier != null) carrier.close();
        carrier = null;
        setPhase(Phase.FAILING_OVER);
        failover.begin(now(), why);
        if (attempt == null) nextFailoverAttempt();
    }

    // ---- migration ----------------------------------------------------------------------------

    private void onMigrateCmd(OwnerEvent.MigrateCmd m) {
        if (phase == Phase.CLOSING || phase == Phase.CLOSED || phase == Phase.FAILED) {
            m.future().completeExceptionally(new IOException("connection " + id + " is " + phase));
            return;
        }
        String target = m.target().orElseGet(() -> nextServerAfter(server, 1));
        if (!servers.containsKey(target)) {
            m.future().completeExceptionally(new IllegalArgumentException(
                    "unknown server '" + target + "'; known: " + servers.keySet()));
            return;
        }
        if (attempt != null || carrier == null) {
            pending.add(new OwnerEvent.MigrateCmd(Optional.of(target), m.reason(), m.future()));
            return;
        }
        setPhase(Phase.MIGRATING);
        launch(target, m.reason(), m.future());
    }

    private void launch(String target, String reason, CompletableFuture<MigrationEvent> future) {
        long newEpoch = ++highestEpochTried;
        byte[] nonce = new byte[16];
        random.nextBytes(nonce);
        var request = dev.mtcp.protocol.crypto.MigrateSigner.sign(kc, id, ticket, newEpoch, down.delivered(),
                cfg.clock().millis(), nonce, reason);
        attempt = new MigrationAttempt(target, servers.get(target), reason, newEpoch, now(), future);
        attempt.start(request, kc, cfg.connectTimeout(), cfg.migrateTimeout().multipliedBy(4).plus(cfg.connectTimeout()),
                id.hex().substring(0, 8) + "->" + target, this::now, this::post);
    }

    private void onAttemptDone(MigrationAttempt a, Carrier c, Welcome w) {
        if (a != attempt || phase == Phase.CLOSED || phase == Phase.FAILED) {
            c.close();
            return;
        }
        String badOffsets = w.downStart() > down.delivered()
                ? "down " + w.downStart() + " beyond the " + down.delivered() + " bytes delivered" : up.resendFrom(w.upDurable());
        if (badOffsets != null) {
            c.close();
            onAttemptFailed(a, null, "WELCOME from " + a.target + " has offsets outside what the client holds: " + badOffsets);
            return;
        }
        attempt = null;
        Carrier old = carrier;
        String from = server;
        carrier = c;
        server = a.target;
        epoch = w.epoch();
        ticket = w.ticket();
        mergeAlternates(w.alternates());
        if (old != null) old.close();
        up.resume(c);   // from upDurable (resendFrom above), every byte still kept until an ACK says it is durable
        ackSent = 0;
        sendAck();
        c.startWriter(t -> post(new OwnerEvent.CarrierDown(c, "write failed: " + t.getMessage())));
        startReader(c);
        long now = now();
        detector.onNewCarrier(now);
        carrierBytesSeen = c.bytesReceived();
        pubMigrations++;
        failover.end();
        setPhase(Phase.OPEN);
        MigrationEvent e = new MigrationEvent(id, from, server, a.reason, epoch, cfg.clock().instant(),
                java.time.Duration.ofNanos(now - a.startNanos), Optional.empty());
        awaitingPause = e;
        pauseBaseNanos = lastDownNanos >= 0 ? lastDownNanos : now;
        log.debug("conn={} migrated {} -> {} epoch {} ({})", id, from, server, epoch, a.reason);
        if (a.future != null) a.future.complete(e);
        listeners.forEach(l -> l.onMigrated(e));
        observers.forEach(o -> {
            o.onMigrated(e);
            o.onCarrier(server, c.channel());
        });
        maybeCompleteClose();
        runPending();
    }

    private void onAttemptFailed(MigrationAttempt a, ErrorCode code, String why) {
        if (a != attempt) return;
        attempt = null;
        log.info("conn={} migration to {} failed: {}", id, a.target, why);
        Exception ex = code == null ? new IOException(why) : new dev.mtcp.client.MigrationRejectedException(code, why);
        if (a.future != null) a.future.completeExceptionally(ex);
        listeners.forEach(l -> l.onMigrationFailed(id, a.target, why));
        if (phase == Phase.CLOSED || phase == Phase.FAILED) return;
        if (carrier == null) {
            setPhase(Phase.FAILING_OVER);
            failover.failed(why);
            nextFailoverAttempt();
        } else {
            setPhase(Phase.OPEN);
            maybeCompleteClose();
            runPending();
        }
    }

    private void runPending() {
        OwnerEvent.MigrateCmd next = pending.poll();
        if (next != null) onMigrateCmd(next);
    }

    private void nextFailoverAttempt() {
        if (phase == Phase.CLOSING || phase == Phase.CLOSED) return;
        long now = now();
        if (failover.expired(now)) {
            giveUp("no server could take the connection over within " + cfg.giveUpAfter().toMillis()
                    + " ms; last error: " + failover.lastError());
            return;
        }
        if (failover.waitUntil(now, servers.size()) > now) return;   // tick() retries after the backoff
        String target = nextServerAfter(server, failover.nextStep());
        launch(target, MigrateRequest.FAILOVER_REASON_PREFIX + ": " + failover.lastError(), null);
    }

    private void tick() {
        long now = now();
        if (attempt != null && attempt.stalled(now, cfg.connectTimeout(), cfg.migrateTimeout())) {
            MigrationAttempt late = attempt;   // no WELCOME and no sign of progress for migrateTimeout: give it up
            late.abandon();
            onAttemptFailed(late, null, late.target + " (" + late.address + "): " + (late.sent()
                    ? "no WELCOME and no sign of progress for " + cfg.migrateTimeout().toMillis() + " ms"
                    : "could not connect and send MIGRATE within " + cfg.connectTimeout().plus(cfg.migrateTimeout()).toMillis() + " ms")
                    + " (" + (now - late.startNanos) / 1_000_000 + " ms since the attempt began)");
        }
        if (phase == Phase.FAILING_OVER) {
            if (attempt == null) nextFailoverAttempt();
            else if (failover.expired(now)) {
                giveUp("no server could take the connection over within " + cfg.giveUpAfter().toMillis()
                        + " ms; last error: " + failover.lastError());
            }
            return;
        }
        if (phase == Phase.CLOSING) {
            maybeCompleteClose();
            return;
        }
        if (carrier == null) return;
        long received = carrier.bytesReceived();
        if (received != carrierBytesSeen) {
            // Bytes are arriving, if only part of a large frame on a slow link: the carrier is alive.
            carrierBytesSeen = received;
            detector.onHeard(now);
        }
        if (detector.isDead(now)) {
            carrierFailed("no progress and no PONG from " + server + " for " + detector.silenceNanos(now) / 1_000_000
                    + " ms (dead after " + detector.deadAfterNanos() / 1_000_000 + " ms)");
        } else if (detector.shouldPing(now)) {
            detector.onPingSent(now);
            carrier.send(new Ping(++pingSeq, now));
        }
    }

    private void giveUp(String why) {
        if (phase == Phase.FAILED) return;
        setPhase(Phase.FAILED);
        abandonAttempt();
        if (carrier != null) carrier.close();
        carrier = null;
        IOException ex = new IOException("mtcp connection " + id + ": " + why);
        gate.fail(ex);            // writers first: a reader woken by the failure may write next
        inbound.fail(ex, false);
        log.warn("conn={} gave up: {}", id, why);
        listeners.forEach(l -> l.onGaveUp(id, why));
    }

    private void abandonAttempt() {
        if (attempt != null) {
            attempt.abandon();
            if (attempt.future != null) attempt.future.completeExceptionally(new IOException("connection " + id + " ended"));
            attempt = null;
        }
    }

    // ---- helpers ------------------------------------------------------------------------------

    private void startReader(Carrier c) {
        Thread.ofVirtual().name("mtcp-r-" + c.label()).start(() -> {
            try {
                Frame f;
                while ((f = c.read()) != null) {
                    post(new OwnerEvent.FrameIn(c, f));
                    if (f instanceof Close) return;
                }
                post(new OwnerEvent.CarrierDown(c, "EOF without CLOSE"));
            } catch (IOException | dev.mtcp.protocol.ProtocolException e) {
                post(new OwnerEvent.CarrierDown(c, e.getMessage()));
            }
        });
    }

    private String nextServerAfter(String current, int step) {
        List<String> ids = List.copyOf(servers.keySet());
        int i = Math.max(0, ids.indexOf(current));
        return ids.get(Math.floorMod(i + step, ids.size()));
    }

    private void mergeAlternates(List<ServerAddress> alternates) {
        for (ServerAddress a : alternates) servers.putIfAbsent(a.id(), new InetSocketAddress(a.host(), a.port()));
        pubServers = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(servers));
    }

    private long now() {
        var i = cfg.clock().instant();
        return i.getEpochSecond() * 1_000_000_000L + i.getNano();
    }

    private void setPhase(Phase p) {
        phase = p;
        publish();
    }

    private void publish() {
        pubServer = carrier == null ? "" : server;
        pubChannel = carrier == null ? null : carrier.channel();
        pubEpoch = epoch;
        pubPhase = phase;
    }
}
