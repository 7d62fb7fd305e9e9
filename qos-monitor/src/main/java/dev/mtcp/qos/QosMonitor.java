package dev.mtcp.qos;

import dev.mtcp.qos.decision.CandidateInfo;
import dev.mtcp.qos.decision.Decision;
import dev.mtcp.qos.decision.DecisionCounters;
import dev.mtcp.qos.decision.DecisionEngine;
import dev.mtcp.qos.decision.ServerHint;
import dev.mtcp.qos.decision.TargetProber;
import dev.mtcp.qos.metrics.ConnectionMetrics;
import dev.mtcp.qos.observe.CarrierTuple;
import dev.mtcp.qos.observe.PacketObservations;
import dev.mtcp.qos.observe.PcapObserver;
import dev.mtcp.qos.observe.PcapUnavailableException;
import dev.mtcp.qos.observe.TcpInfoReader;
import dev.mtcp.qos.policy.ObserverSettings;
import dev.mtcp.qos.policy.Policy;
import java.io.IOException;
import java.nio.channels.SocketChannel;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a policy for one connection: every {@code sample_every} it reads the carrier's observer
 * (TCP_INFO or pcap) into the {@link ConnectionMetrics}, asks the {@link DecisionEngine}, probes the
 * alternates when the engine wants measurements, and asks the connection to migrate when it decides
 * so. The client stack feeds the metrics (bytes, PONGs, request state, {@code onMigrated}) itself.
 *
 * <p>Ticks run on the given scheduler; {@link #tick()} is public so tests and callers with their own
 * loop can drive it. One migration at a time: no evaluation while one is in flight.
 */
public final class QosMonitor implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(QosMonitor.class);

    private final Policy policy;
    private final ConnectionMetrics metrics;
    private final MonitoredConnection connection;
    private final TargetProber prober;
    private final DecisionEngine engine;
    private final Map<String, CandidateInfo> probeResults = new ConcurrentHashMap<>();
    private final AtomicBoolean probing = new AtomicBoolean();
    private final AtomicBoolean migrating = new AtomicBoolean();
    private ScheduledFuture<?> schedule;
    private PcapObserver pcap;
    private CarrierTuple pcapTuple;
    private boolean pcapUnavailable;
    private volatile Decision lastDecision = new Decision.Stay(Decision.Reason.HEALTHY, "not evaluated yet");

    public QosMonitor(Policy policy, InstantSource clock, ConnectionMetrics metrics, MonitoredConnection connection,
                      TargetProber prober) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.connection = Objects.requireNonNull(connection, "connection");
        this.prober = Objects.requireNonNull(prober, "prober");
        this.engine = new DecisionEngine(policy, clock, connection.connectionId());
    }

    /** Ticks every {@code policy.sampleEvery()} on {@code scheduler} until {@link #close()}. */
    public synchronized QosMonitor start(ScheduledExecutorService scheduler) {
        if (schedule != null) {
            throw new IllegalStateException("the monitor of " + connection.connectionId() + " already runs");
        }
        long periodNanos = policy.sampleEvery().toNanos();
        schedule = scheduler.scheduleAtFixedRate(this::tickSafely, periodNanos, periodNanos, TimeUnit.NANOSECONDS);
        return this;
    }

    /** A MIGRATE_HINT arrived from a server (the client stack maps the frame). */
    public void onServerHint(ServerHint hint) {
        engine.onServerHint(hint);
    }

    /** One round: observe, evaluate, probe, migrate. */
    public synchronized Decision tick() {
        observe();
        if (migrating.get()) {
            return lastDecision;
        }
        String current = connection.currentServer();
        Map<String, CandidateInfo> candidates = new LinkedHashMap<>();
        for (String id : connection.alternates()) {
            if (!id.equals(current)) {
                candidates.put(id, probeResults.getOrDefault(id, CandidateInfo.known(id)));
            }
        }
        Decision d = engine.evaluate(current, metrics.snapshot(), candidates);
        lastDecision = d;
        if (engine.wantsProbes()) {
            probe(candidates);
        }
        if (d instanceof Decision.Migrate m) {
            migrate(m);
        }
        return d;
    }

    public Decision lastDecision() {
        return lastDecision;
    }

    public DecisionCounters counters() {
        return engine.counters();
    }

    public ConnectionMetrics metrics() {
        return metrics;
    }

    @Override
    public synchronized void close() {
        if (schedule != null) {
            schedule.cancel(false);
        }
        stopPcap();
    }

    private void tickSafely() {
        try {
            tick();
        } catch (RuntimeException e) {
            LOG.warn("conn={} QoS tick failed: {}", connection.connectionId(), e.toString(), e);
        }
    }

    private void observe() {
        switch (policy.observer().kind()) {
            case TCP_INFO -> connection.carrier().ifPresent(this::readTcpInfo);
            case PCAP -> followCarrierWithPcap();
            case NONE -> { }
        }
    }

    private void readTcpInfo(SocketChannel ch) {
        try {
            TcpInfoReader.read(ch).ifPresent(metrics::onTcpInfo);
        } catch (IOException e) {
            LOG.debug("conn={} TCP_INFO not read: {}", connection.connectionId(), e.getMessage());
        }
    }

    private void followCarrierWithPcap() {
        Optional<CarrierTuple> tuple = connection.carrierTuple();
        if (pcapUnavailable || tuple.equals(Optional.ofNullable(pcapTuple))) {
            return;
        }
        stopPcap();
        if (tuple.isEmpty()) {
            return;
        }
        try {
            pcap = PcapObserver.start(policy.observer().pcapInterface(), tuple.get(), PacketObservations.into(metrics));
            pcapTuple = tuple.get();
        } catch (PcapUnavailableException e) {
            pcapUnavailable = true;
            LOG.error("conn={} observer: pcap is unavailable, carrier metrics come from PING/PONG only: {}",
                    connection.connectionId(), e.getMessage());
        }
    }

    private void stopPcap() {
        if (pcap != null) {
            pcap.stop();
            pcap = null;
            pcapTuple = null;
        }
    }

    private void probe(Map<String, CandidateInfo> candidates) {
        if (candidates.isEmpty() || !probing.compareAndSet(false, true)) {
            return;
        }
        List<CompletableFuture<?>> all = new ArrayList<>();
        for (String id : candidates.keySet()) {
            all.add(probeOne(id)
                    .thenAccept(info -> probeResults.put(id, info))
                    .exceptionally(e -> {
                        LOG.debug("conn={} probe of {} failed: {}", connection.connectionId(), id, e.toString());
                        return null;
                    }));
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new))
                .whenComplete((v, e) -> probing.set(false));
    }

    private CompletableFuture<CandidateInfo> probeOne(String id) {
        try {
            return prober.probe(id, policy.target().probeTimeout());
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private void migrate(Decision.Migrate m) {
        migrating.set(true);
        String reason = m.reason().name().toLowerCase(Locale.ROOT) + ": " + m.detail();
        CompletableFuture<?> result;
        try {
            result = connection.migrate(m.targetId(), reason);
        } catch (RuntimeException e) {
            result = CompletableFuture.failedFuture(e);
        }
        result.whenComplete((v, e) -> {
            if (e != null) {
                engine.onMigrationFailed(m.targetId(), String.valueOf(e.getMessage()));
            }
            migrating.set(false);
        });
    }
}
