package dev.mtcp.server;

import dev.mtcp.protocol.ErrorCode;
import dev.mtcp.protocol.ProtocolException;
import dev.mtcp.protocol.crypto.PeerAuth;
import dev.mtcp.protocol.crypto.StateSealer;
import dev.mtcp.protocol.crypto.TicketSealer;
import dev.mtcp.protocol.frame.Close;
import dev.mtcp.protocol.frame.Data;
import dev.mtcp.protocol.frame.Frame;
import dev.mtcp.protocol.frame.HelloMigrate;
import dev.mtcp.protocol.frame.HelloNew;
import dev.mtcp.protocol.frame.HelloProbe;
import dev.mtcp.protocol.frame.HintReason;
import dev.mtcp.protocol.frame.MigrateHint;
import dev.mtcp.protocol.frame.PeerHello;
import dev.mtcp.protocol.frame.Ping;
import dev.mtcp.protocol.frame.Pong;
import dev.mtcp.protocol.frame.Reject;
import dev.mtcp.protocol.frame.ServerAddress;
import dev.mtcp.server.internal.AppLauncher;
import dev.mtcp.protocol.carrier.Carrier;
import dev.mtcp.server.internal.ClientHandshake;
import dev.mtcp.server.internal.DrainPacer;
import dev.mtcp.server.internal.HelloRateLimiter;
import dev.mtcp.server.internal.MigrateGuard;
import dev.mtcp.server.internal.OriginHandler;
import dev.mtcp.server.internal.PeerIdentity;
import dev.mtcp.server.internal.PeerPool;
import dev.mtcp.server.internal.PeerService;
import dev.mtcp.server.replication.BackupStore;
import dev.mtcp.server.replication.Replicator;
import dev.mtcp.server.replication.StateLocator;
import dev.mtcp.server.internal.ServerContext;
import dev.mtcp.server.internal.ServerSession;
import dev.mtcp.server.internal.SessionHost;
import dev.mtcp.server.internal.SessionRegistry;
import dev.mtcp.server.internal.SessionView;
import dev.mtcp.server.internal.StatsCounters;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One server of a migratory service: a single listening port for client carriers and peer channels
 * (the first frame tells them apart: HELLO NEW/MIGRATE/PROBE from clients, PEER_HELLO from servers).
 */
public final class MigratoryServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(MigratoryServer.class);
    /** Most DATA bytes one PROBE carrier may have echoed (a goodput sample, not a bulk transfer). */
    public static final int PROBE_ECHO_LIMIT_BYTES = 1024 * 1024;
    /** Most connections a drain moves at once (see {@link DrainPacer}). */
    public static final int DRAIN_WINDOW = 128;
    /** How long a drain waits for a hinted connection to leave before it hints the next one in its place. */
    private static final java.time.Duration DRAIN_HINT_PATIENCE = java.time.Duration.ofSeconds(1);
    /** How long a drain stays in force after its last hint: arrivals meanwhile are hinted away too. */
    public static final java.time.Duration DRAIN_LINGER = java.time.Duration.ofSeconds(10);

    private final ServerConfig config;
    private final ServerSocketChannel listener;
    private final InetSocketAddress address;
    private final Map<String, InetSocketAddress> peers = new ConcurrentHashMap<>();
    private final SessionRegistry registry;
    private final StatsCounters stats = new StatsCounters();
    private final HelloRateLimiter rateLimiter;
    private final PeerPool peerPool;
    private final ServerContext ctx;
    private final ClientHandshake handshake;
    private final PeerService peerService;
    private final ScheduledExecutorService timers;
    private final BackupStore replicas;
    private final Replicator replicator;
    private final StateLocator locator;
    private final PeerPool failoverPool;
    private final java.util.Set<SocketChannel> accepted = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    private MigratoryServer(ServerConfig config, MigratoryApp app) throws IOException {
        this.config = config;
        this.listener = ServerSocketChannel.open();
        listener.bind(config.listen(), 1024);
        this.address = (InetSocketAddress) listener.getLocalAddress();
        peers.putAll(config.peers());
        this.registry = new SessionRegistry(config.ticketMaxAge());
        this.rateLimiter = new HelloRateLimiter(config.helloPerSecond(), config.helloBurst(), config.clock());
        TicketSealer tickets = new TicketSealer(config.groupKey(), config.clock(), config.ticketMaxAge());
        PeerIdentity identity = new PeerIdentity(new PeerAuth(config.groupKey()));
        this.peerPool = new PeerPool(config.id(), identity, peers::get, config.handshakeTimeout());
        this.timers = Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().name("mtcp-timer-" + config.id()).factory());
        SessionHost host = new SessionHost() {
            @Override
            public void sessionEnded(ServerSession s, long lastEpoch) {
                registry.ended(s, lastEpoch);
            }

            @Override
            public void sessionDetached(ServerSession s) {
                if (!closed) timers.schedule(s::expireIfDetached, config.detachedLinger().toMillis(), TimeUnit.MILLISECONDS);
            }

            @Override
            public void sessionCreated(ServerSession s) {
                replicator.attach(s);
            }
        };
        StateSealer sealer = new StateSealer(config.groupKey());
        this.failoverPool = new PeerPool(config.id(), identity, peers::get, config.fetchTimeout());
        this.replicas = new BackupStore(config.id(), sealer, config.clock(), config.ticketMaxAge());
        this.replicator = new Replicator(config.id(), config.backups(), config.gatedOnReplication(), peers::get,
                peerPool::openLink, sealer, config.clock(), config.replicaAckTimeout(),
                (id, epoch, by) -> stats.fencedByPeer.increment());
        this.ctx = new ServerContext(config, hostPort(address), registry,
                new MigrateGuard(tickets, config.clock(), config.migrateWindow()), tickets,
                sealer, peerPool, stats, new AppLauncher(app), host,
                this::alternates, this::loadPermille, replicas, peers::get);
        this.locator = new StateLocator(config.id(), peerPool, failoverPool, replicas, sealer, peers::get,
                config.fetchTimeout(), config.clock(), config.ticketMaxAge());
        this.handshake = new ClientHandshake(ctx, locator);
        this.peerService = new PeerService(config.id(), identity, new OriginHandler(ctx), stats);
    }

    /** Binds the port and starts accepting. */
    public static MigratoryServer start(ServerConfig config, MigratoryApp app) throws IOException {
        MigratoryServer s = new MigratoryServer(config, app);
        Thread.ofVirtual().name("mtcp-accept-" + config.id()).start(s::acceptLoop);
        s.replicator.start();
        s.timers.scheduleAtFixedRate(s.replicas::expireIdle, 1, 1, TimeUnit.MINUTES);
        log.info("server {} listening on {}", config.id(), s.address);
        return s;
    }

    public String id() { return config.id(); }

    /** The bound address (the actual port when 0 was asked). */
    public InetSocketAddress address() { return address; }

    /** Adds or replaces a peer's address (servers started on port 0 learn each other this way). */
    public void addPeer(String peerId, InetSocketAddress peerAddress) {
        if (!peerId.equals(config.id())) peers.put(peerId, peerAddress);
    }

    public List<ServerConnectionStatus> connections() {
        List<ServerConnectionStatus> out = new ArrayList<>();
        for (ServerSession s : registry.all()) {
            SessionView v = s.view();
            out.add(new ServerConnectionStatus(v.id().hex(), v.epoch(), v.phase().name(), v.carrierAttached(),
                    v.bytesUp(), v.bytesDown()));
        }
        return out;
    }

    /**
     * Sends MIGRATE_HINT(DRAIN) to every attached connection, at most {@link #DRAIN_WINDOW} of them
     * moving at once ({@link DrainPacer}); returns how many are hinted now. The first window is hinted
     * before this returns, the rest as the connections before them leave; connections that arrive
     * within {@link #DRAIN_LINGER} of the last hint are hinted away too.
     */
    public int drain(Optional<String> toServerId) {
        List<String> targets = toServerId.map(List::of).orElseGet(() -> peers.keySet().stream().sorted().toList());
        MigrateHint hint = new MigrateHint(HintReason.DRAIN, targets.size() > 16 ? targets.subList(0, 16) : targets);
        int n = new DrainPacer(config.id(), hint, DRAIN_WINDOW, DRAIN_HINT_PATIENCE, DRAIN_LINGER,
                stats.hintsSent::increment).start(registry::all);
        log.info("server {} drain: hinting {} connections to {}", config.id(), n, targets);
        return n;
    }

    /** Whether this server holds a usable replica of connection {@code id} (as a backup). */
    public boolean hasReplicaOf(dev.mtcp.protocol.ConnectionId id) {
        return replicas.ends(id).isPresent();
    }

    /** The backups this server's connections currently wait for (connected and acknowledging). */
    public java.util.Set<String> liveBackups() {
        return replicator.liveBackups();
    }

    /** Connections this server stopped serving because a peer had taken them over (it was fenced). */
    public long fencedConnections() {
        return stats.fencedByPeer.sum();
    }

    /** Connections of other servers this server holds a replica of (as their backup). */
    public long replicaCount() {
        return replicas.size();
    }

    public ServerStats stats() {
        return new ServerStats(stats.connectionsOpened.sum(), stats.migrationsIn.sum(), stats.migrationsOut.sum(),
                registry.size(), stats.rejectedSnapshot(), stats.peerAuthFailures.sum(), stats.hintsSent.sum(),
                stats.carrierProtocolErrors.sum(), stats.fencedByPeer.sum());
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                SocketChannel ch = listener.accept();
                accepted.add(ch);
                if (closed) {           // crash()/close() may have swept the set already: this one must not live on
                    reset(ch);
                    continue;
                }
                Thread.ofVirtual().name("mtcp-carrier-" + config.id()).start(() -> {
                    try {
                        serveCarrier(ch);
                    } finally {
                        accepted.remove(ch);
                    }
                });
            } catch (IOException e) {
                if (!closed) log.warn("server {} accept failed: {}", config.id(), e.toString());
            }
        }
    }

    private void serveCarrier(SocketChannel ch) {
        Carrier carrier;
        try {
            carrier = new Carrier(ch, config.id() + "<-" + ch.getRemoteAddress());
        } catch (IOException e) {
            closeQuietly(ch);
            return;
        }
        try {
            carrier.readTimeoutMillis((int) config.handshakeTimeout().toMillis());
            Frame first = carrier.read();
            if (first == null) {
                carrier.close();
                return;
            }
            InetSocketAddress remote = (InetSocketAddress) ch.getRemoteAddress();
            if (!rateLimiter.tryAcquire(remote.getAddress())) {
                stats.rejected(ErrorCode.RATE_LIMITED);
                carrier.sendNow(new Reject(ErrorCode.RATE_LIMITED, "too many HELLOs from " + remote.getAddress().getHostAddress()));
                carrier.close();
                return;
            }
            switch (first) {
                case HelloNew h -> handshake.onNew(carrier, h);
                case HelloMigrate h -> handshake.onMigrate(carrier, h);
                case HelloProbe p -> serveProbe(carrier, p);
                case PeerHello h -> peerService.serve(carrier, h);
                default -> {
                    carrier.sendNow(new Close(ErrorCode.PROTOCOL_ERROR, "expected HELLO, got " + first.type()));
                    carrier.close();
                }
            }
        } catch (ProtocolException e) {
            log.info("server {}: bad first frame from {}: {}", config.id(), carrier.label(), e.getMessage());
            try {
                carrier.sendNow(new Close(e.code(), e.getMessage()));
            } catch (IOException ignored) {
                // the peer is gone already; nothing more to tell it
            }
            carrier.close();
        } catch (IOException e) {
            log.debug("server {}: carrier {} ended: {}", config.id(), carrier.label(), e.toString());
            carrier.close();
        }
    }

    /**
     * PROBE: answers PINGs with PONGs carrying this server's load, and echoes DATA frames (up to
     * {@link #PROBE_ECHO_LIMIT_BYTES} per probe carrier) so a client can sample the path's goodput.
     * Anything else, or more echo bytes, ends the probe carrier.
     */
    private void serveProbe(Carrier carrier, HelloProbe probe) throws IOException, ProtocolException {
        carrier.readTimeoutMillis((int) config.handshakeTimeout().toMillis());
        carrier.sendNow(new Pong(probe.nonce(), 0, loadPermille()));
        long echoed = 0;
        while (true) {
            Frame f = carrier.read();
            if (f instanceof Ping p) {
                carrier.sendNow(new Pong(p.id(), p.sendTimeNanos(), loadPermille()));
            } else if (f instanceof Data d && echoed + d.length() <= PROBE_ECHO_LIMIT_BYTES) {
                echoed += d.length();
                carrier.sendNow(d);
            } else {
                break;
            }
        }
        carrier.close();
    }

    private List<ServerAddress> alternates() {
        List<ServerAddress> out = new ArrayList<>();
        peers.entrySet().stream().sorted(Map.Entry.comparingByKey()).limit(16).forEach(e ->
                out.add(new ServerAddress(e.getKey(), e.getValue().getHostString(), e.getValue().getPort())));
        return out;
    }

    /** Connections against capacity, or the CPU load when a CPU threshold is set and that is higher. */
    private int loadPermille() {
        int connections = (int) Math.min(1000, registry.size() * 1000L / config.capacityConnections());
        return Math.max(connections, config.cpuOverload().loadPermille());
    }

    private static String hostPort(InetSocketAddress a) {
        return a.getHostString() + ":" + a.getPort();
    }

    private static void closeQuietly(SocketChannel ch) {
        try {
            ch.close();
        } catch (IOException ignored) {
            // closing a channel that failed to set up; nothing to report
        }
    }

    /**
     * Simulates a crash (SIGKILL) for tests: every socket of this server is reset at once, nothing
     * more is sent to anyone (no CLOSE to clients, no goodbye to peers or backups), and nothing is
     * kept. Clients see their carriers fail and fail over; the state lives on at the backups.
     */
    public void crash() {
        if (!stopAccepting()) return;
        for (SocketChannel ch : accepted) reset(ch);
        for (ServerSession s : registry.all()) s.shutdown("server " + config.id() + " crashed");
        peerPool.close();
        failoverPool.close();
        timers.shutdownNow();
        log.info("server {} crashed (simulated)", config.id());
    }

    /** First step of close and crash: marks closed, halts replication, closes the listener; false if already closed. */
    private boolean stopAccepting() {
        if (closed) return false;
        closed = true;
        replicator.halt();
        locator.close();
        try {
            listener.close();
        } catch (IOException e) {
            log.debug("server {} listener close: {}", config.id(), e.toString());
        }
        return true;
    }

    private void reset(SocketChannel ch) {
        try {
            ch.setOption(java.net.StandardSocketOptions.SO_LINGER, 0);
            ch.close();
        } catch (IOException e) {
            log.debug("server {} reset: {}", config.id(), e.toString());
        }
    }

    @Override
    public void close() {
        if (!stopAccepting()) return;
        for (ServerSession s : registry.all()) s.shutdown("server " + config.id() + " shutting down");
        for (SocketChannel ch : accepted) closeQuietly(ch);   // peer channels too: no more backup duty
        peerPool.close();
        failoverPool.close();
        timers.shutdownNow();
        log.info("server {} closed", config.id());
    }
}
