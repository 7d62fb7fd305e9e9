package dev.mtcp.client.qos;

import dev.mtcp.client.ClientConfig;
import dev.mtcp.client.MigratorySocket;
import dev.mtcp.qos.QosMonitor;
import dev.mtcp.qos.metrics.ConnectionMetrics;
import dev.mtcp.qos.policy.Policy;
import java.io.IOException;
import java.time.InstantSource;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Makes migratory sockets QoS-monitored. One call per connection, e.g. from the proxy's
 * per-connection hook: {@code ForwardProxy.start(listen, cfg, s -> QosMonitoredSockets.attach(s, policy,
 * clock, scheduler))}. The scheduler is shared by all connections; the caller owns and shuts it down.
 *
 * <p>Server hints: a socket whose config has {@code followServerHints(false)} lets the policy's
 * {@code on_server_hint} decide (DRAIN at once, OVERLOAD within cooldown and cap, or ignore); a socket
 * that follows hints itself moves on every hint and the monitor leaves hints to it.
 * {@link #connect} opens such a policy-driven socket.
 */
public final class QosMonitoredSockets {
    private QosMonitoredSockets() {
    }

    /** Monitors an open socket under {@code policy}, probing alternates with PROBE carriers. */
    public static QosMonitoredSocket attach(MigratorySocket socket, Policy policy, InstantSource clock,
                                            ScheduledExecutorService scheduler) {
        return attach(socket, policy, clock, scheduler, ProbeCarrierProber.DEFAULT_SAMPLE_BYTES);
    }

    /**
     * Like {@link #attach(MigratorySocket, Policy, InstantSource, ScheduledExecutorService)}, with the
     * size of the probes' goodput sample (0: probes measure RTT and load only).
     */
    public static QosMonitoredSocket attach(MigratorySocket socket, Policy policy, InstantSource clock,
                                            ScheduledExecutorService scheduler, int probeSampleBytes) {
        Objects.requireNonNull(socket, "socket");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(scheduler, "scheduler");
        ConnectionMetrics metrics = new ConnectionMetrics(clock, policy.metrics());
        SocketQosBridge bridge = new SocketQosBridge(metrics, clock, !socket.config().followServerHints());
        socket.addObserver(bridge);
        socket.addListener(bridge.hintListener());
        return build(socket, policy, clock, scheduler, probeSampleBytes, metrics, bridge);
    }

    /**
     * Connects a new socket whose server hints the policy decides ({@code followServerHints} off) and
     * monitors it from its first byte. Time comes from {@code cfg.clock()}.
     */
    public static QosMonitoredSocket connect(ClientConfig cfg, Policy policy, ScheduledExecutorService scheduler)
            throws IOException {
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(scheduler, "scheduler");
        ClientConfig policyDriven = cfg.withFollowServerHints(false);
        ConnectionMetrics metrics = new ConnectionMetrics(cfg.clock(), policy.metrics());
        SocketQosBridge bridge = new SocketQosBridge(metrics, cfg.clock(), true);
        MigratorySocket socket = MigratorySocket.connect(policyDriven, List.of(bridge.hintListener()), List.of(bridge));
        return build(socket, policy, cfg.clock(), scheduler, ProbeCarrierProber.DEFAULT_SAMPLE_BYTES, metrics, bridge);
    }

    private static QosMonitoredSocket build(MigratorySocket socket, Policy policy, InstantSource clock,
                                            ScheduledExecutorService scheduler, int probeSampleBytes,
                                            ConnectionMetrics metrics, SocketQosBridge bridge) {
        ProbeCarrierProber prober = new ProbeCarrierProber(socket.id().hex(), socket::knownServers, clock,
                probeSampleBytes);
        bridge.bindSocket(socket);
        QosMonitor monitor = new QosMonitor(policy, clock, metrics, bridge, prober);
        bridge.bindMonitor(monitor);
        return new QosMonitoredSocket(socket, policy, metrics, bridge, monitor).start(scheduler);
    }
}
