package dev.mtcp.client.qos;

import dev.mtcp.client.MigratorySocket;
import dev.mtcp.qos.QosMonitor;
import dev.mtcp.qos.decision.Decision;
import dev.mtcp.qos.decision.DecisionCounters;
import dev.mtcp.qos.metrics.ConnectionMetrics;
import dev.mtcp.qos.policy.Policy;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link MigratorySocket} under a QoS policy: the socket, its metrics and its running
 * {@link QosMonitor}. The monitor stops by itself when the socket closes or gives up (checked every
 * {@code sample_every}); {@link #close()} stops it and closes the socket. Made by
 * {@link QosMonitoredSockets}.
 */
public final class QosMonitoredSocket implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(QosMonitoredSocket.class);
    private static final Set<String> ENDED = Set.of("CLOSING", "CLOSED", "FAILED");

    private final MigratorySocket socket;
    private final Policy policy;
    private final ConnectionMetrics metrics;
    private final SocketQosBridge bridge;
    private final QosMonitor monitor;
    private final AtomicBoolean stopped = new AtomicBoolean();
    private volatile ScheduledFuture<?> watcher;

    QosMonitoredSocket(MigratorySocket socket, Policy policy, ConnectionMetrics metrics, SocketQosBridge bridge,
                       QosMonitor monitor) {
        this.socket = socket;
        this.policy = policy;
        this.metrics = metrics;
        this.bridge = bridge;
        this.monitor = monitor;
    }

    QosMonitoredSocket start(ScheduledExecutorService scheduler) {
        monitor.start(scheduler);
        long periodNanos = policy.sampleEvery().toNanos();
        watcher = scheduler.scheduleAtFixedRate(this::stopIfSocketEnded, periodNanos, periodNanos, TimeUnit.NANOSECONDS);
        LOG.debug("conn={} QoS monitor started (sample every {} ms)", socket.id(), policy.sampleEvery().toMillis());
        return this;
    }

    public MigratorySocket socket() {
        return socket;
    }

    public Policy policy() {
        return policy;
    }

    public ConnectionMetrics metrics() {
        return metrics;
    }

    public QosMonitor monitor() {
        return monitor;
    }

    /** The monitor's latest decision. */
    public Decision lastDecision() {
        return monitor.lastDecision();
    }

    public DecisionCounters counters() {
        return monitor.counters();
    }

    /** Every migration the policy asked for, oldest first, with the measurements that caused it. */
    public List<QosMigration> migrations() {
        return bridge.migrations();
    }

    /**
     * Tells the monitor whether the application waits for a response (stall time and goodput demand).
     * Without this call the bridge assumes a request is pending from the server's acknowledgement of
     * upstream bytes to the next downstream byte.
     */
    public void requestPending(boolean pending) {
        bridge.setRequestPending(pending);
    }

    /**
     * Tells the monitor whether the server has downstream data not yet delivered (e.g. a stream in
     * progress). The server's PONGs report this too; {@code true} here holds whatever they say.
     */
    public void serverDataOutstanding(boolean outstanding) {
        bridge.setServerDataOutstanding(outstanding);
    }

    /** True once the monitor stopped (socket ended or {@link #close()}). */
    public boolean isStopped() {
        return stopped.get();
    }

    /** Stops the monitor, keeps the socket open (it is no longer QoS-monitored). */
    public void stopMonitoring() {
        if (stopped.compareAndSet(false, true)) {
            ScheduledFuture<?> w = watcher;
            if (w != null) {
                w.cancel(false);
            }
            monitor.close();
            LOG.debug("conn={} QoS monitor stopped ({})", socket.id(), monitor.counters());
        }
    }

    /** Stops the monitor and closes the socket. */
    @Override
    public void close() {
        stopMonitoring();
        socket.close();
    }

    private void stopIfSocketEnded() {
        if (ENDED.contains(socket.status().state())) {
            stopMonitoring();
        }
    }
}
