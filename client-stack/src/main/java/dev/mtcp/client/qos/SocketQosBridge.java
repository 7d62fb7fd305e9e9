package dev.mtcp.client.qos;

import dev.mtcp.client.ConnectionObserver;
import dev.mtcp.client.MigrationEvent;
import dev.mtcp.client.MigrationListener;
import dev.mtcp.client.MigratorySocket;
import dev.mtcp.protocol.ConnectionId;
import dev.mtcp.protocol.frame.HintReason;
import dev.mtcp.qos.MonitoredConnection;
import dev.mtcp.qos.QosMonitor;
import dev.mtcp.qos.decision.ServerHint;
import dev.mtcp.qos.metrics.ConnectionMetrics;
import dev.mtcp.qos.observe.CarrierTuple;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One socket as the QoS monitor sees it: turns the socket's observer and listener events into
 * {@link ConnectionMetrics} updates and server hints, and answers the monitor's questions (current
 * server, alternates, carrier) from the socket. Observer callbacks run on the connection's thread
 * and only update the thread-safe metrics.
 *
 * <p>Expecting data (what stall time is measured against), from two signals. <em>Request pending</em>:
 * upstream bytes the server acknowledged after the last downstream byte arrived (what a
 * request/response protocol looks like from the wire), re-armed on every acknowledgement so that
 * stall time counts from the moment the whole request was at the server. <em>Server data
 * outstanding</em>: the server's PONG says its app produced bytes this client has not received.
 * Callers that know better set either themselves; a caller's {@code serverDataOutstanding(true)}
 * holds until it says false, whatever the PONGs say.
 */
final class SocketQosBridge implements MonitoredConnection, ConnectionObserver {
    private static final Logger LOG = LoggerFactory.getLogger(SocketQosBridge.class);

    private final ConnectionMetrics metrics;
    private final InstantSource clock;
    private final boolean forwardHints;
    private final List<QosMigration> migrations = new CopyOnWriteArrayList<>();
    private volatile MigratorySocket socket;
    private volatile QosMonitor monitor;
    private volatile String lastServer = "";
    private volatile boolean requestPending;
    private volatile boolean appSaysOutstanding;
    private volatile boolean serverSaysOutstanding;

    SocketQosBridge(ConnectionMetrics metrics, InstantSource clock, boolean forwardHints) {
        this.metrics = metrics;
        this.clock = clock;
        this.forwardHints = forwardHints;
    }

    void bindSocket(MigratorySocket s) {
        this.socket = s;
        String server = s.status().server();
        if (!server.isEmpty()) {
            lastServer = server;
        }
    }

    void bindMonitor(QosMonitor m) {
        this.monitor = m;
    }

    List<QosMigration> migrations() {
        return List.copyOf(migrations);
    }

    // ---- MonitoredConnection ------------------------------------------------------------------

    @Override
    public String connectionId() {
        MigratorySocket s = socket;
        return s == null ? "unbound" : s.id().hex();
    }

    @Override
    public String currentServer() {
        MigratorySocket s = socket;
        String server = s == null ? "" : s.status().server();
        return server.isEmpty() ? lastServer : server;
    }

    @Override
    public List<String> alternates() {
        MigratorySocket s = socket;
        return s == null ? List.of() : List.copyOf(s.knownServers().keySet());
    }

    @Override
    public Optional<SocketChannel> carrier() {
        MigratorySocket s = socket;
        return s == null ? Optional.empty() : s.carrierChannel().filter(SocketChannel::isOpen);
    }

    @Override
    public Optional<CarrierTuple> carrierTuple() {
        return carrier().flatMap(ch -> {
            try {
                return Optional.of(new CarrierTuple((InetSocketAddress) ch.getLocalAddress(),
                        (InetSocketAddress) ch.getRemoteAddress()));
            } catch (IOException | RuntimeException e) {
                return Optional.empty();
            }
        });
    }

    @Override
    public CompletableFuture<?> migrate(String serverId, String reason) {
        MigratorySocket s = socket;
        if (s == null) {
            return CompletableFuture.failedFuture(new IllegalStateException("the monitor is not bound to a socket"));
        }
        String from = currentServer();
        migrations.add(new QosMigration(clock.instant(), from, serverId, reason, metrics.snapshot()));
        LOG.info("conn={} QoS policy moves the connection {} -> {}: {}", s.id(), from, serverId, reason);
        return s.migrate(serverId, "qos " + reason);
    }

    // ---- ConnectionObserver (connection thread) -----------------------------------------------

    @Override
    public void onCarrier(String serverId, SocketChannel channel) {
        lastServer = serverId;
    }

    @Override
    public void onDownstreamBytes(long n) {
        metrics.onDownstreamBytes(n);
        if (requestPending) {
            setRequestPending(false);
        }
    }

    @Override
    public void onUpstreamAcked(long n) {
        metrics.onUpstreamBytes(n);
        // re-armed on every acknowledgement: the stall clock runs from when the request was all at
        // the server, so a long upload is not a stall while it is being sent
        if (requestPending) {
            metrics.onRequestPending(false);
        }
        setRequestPending(true);
    }

    @Override
    public void onServerDataOutstanding(long bytes) {
        serverSaysOutstanding = bytes > 0;
        metrics.onServerDataOutstanding(appSaysOutstanding || serverSaysOutstanding);
    }

    @Override
    public void onRttSample(Duration rtt) {
        metrics.onRttSample(rtt);
    }

    @Override
    public void onServerLoad(int permille) {
        metrics.onServerLoad(permille);
    }

    @Override
    public void onMigrated(MigrationEvent e) {
        lastServer = e.toServer();
        metrics.onMigrated(e.toServer());
    }

    void setRequestPending(boolean pending) {
        requestPending = pending;
        metrics.onRequestPending(pending);
    }

    void setServerDataOutstanding(boolean outstanding) {
        appSaysOutstanding = outstanding;
        metrics.onServerDataOutstanding(outstanding || serverSaysOutstanding);
    }

    // ---- hints (connection thread) ------------------------------------------------------------

    /** The listener that passes the socket's MIGRATE_HINTs on to the monitor. */
    MigrationListener hintListener() {
        return new MigrationListener() {
            @Override
            public void onServerHint(ConnectionId id, HintReason reason, List<String> targets) {
                forwardHint(id, reason, targets);
            }
        };
    }

    private void forwardHint(ConnectionId id, HintReason reason, List<String> targets) {
        QosMonitor m = monitor;
        if (!forwardHints || m == null) {
            LOG.debug("conn={} hint {} handled by the socket itself (followServerHints)", id, reason);
            return;
        }
        m.onServerHint(new ServerHint(currentServer(), ServerHint.Reason.valueOf(reason.name()), targets));
    }
}
