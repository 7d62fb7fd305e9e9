package dev.mtcp.tools.admin;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.LongSupplier;
import java.util.function.ToDoubleFunction;

/**
 * The metrics of one proxy or server process, exposed on {@code GET /metrics} in Prometheus text
 * format. One instance per process (no global registry). Names on the wire:
 * <ul>
 *   <li>{@code mtcp_connections} (gauge): open migratory connections;</li>
 *   <li>{@code mtcp_migrations_total{reason}}: completed migrations by reason (operator, qos, drain, failover, ...);</li>
 *   <li>{@code mtcp_migration_pause_seconds} (histogram): client-observed pause of each migration;</li>
 *   <li>{@code mtcp_bytes_total{direction="up"|"down"}}: payload bytes carried;</li>
 *   <li>{@code mtcp_rejected_total{code}}: handshakes and migrations refused, by REJECT code;</li>
 *   <li>{@code mtcp_connections_given_up_total} (proxy): connections no server could take over within the
 *       give-up time (their app connections were reset).</li>
 * </ul>
 */
public final class MtcpMetrics {
    /** Content type of the Prometheus text exposition format 0.0.4. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    /** The function counters' sources: Micrometer holds them weakly, this keeps them as long as the metrics. */
    private final List<Object> held = new CopyOnWriteArrayList<>();
    private final List<Runnable> refreshers = new CopyOnWriteArrayList<>();
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Timer.Builder pause = Timer.builder("mtcp.migration.pause")
            .description("Client-observed pause of a migration (last byte before to first byte after)")
            .publishPercentileHistogram()
            .minimumExpectedValue(Duration.ofNanos(100_000))
            .maximumExpectedValue(Duration.ofSeconds(30));

    /**
     * The suppliers are held strongly (Micrometer would otherwise hold them weakly and report NaN
     * once a lambda is collected).
     *
     * @param openConnections current number of open connections (read at each scrape)
     * @param bytesUp cumulative upstream payload bytes (monotonic, read at each scrape)
     * @param bytesDown cumulative downstream payload bytes (monotonic, read at each scrape)
     */
    public MtcpMetrics(LongSupplier openConnections, LongSupplier bytesUp, LongSupplier bytesDown) {
        Objects.requireNonNull(openConnections, "openConnections");
        Gauge.builder("mtcp.connections", openConnections, s -> s.getAsLong())
                .description("Open migratory connections").strongReference(true).register(registry);
        bytes("up", bytesUp, s -> s.getAsLong());
        bytes("down", bytesDown, s -> s.getAsLong());
        pause.register(registry);
    }

    private void bytes(String direction, LongSupplier total, ToDoubleFunction<LongSupplier> read) {
        Objects.requireNonNull(total, direction);
        FunctionCounter.builder("mtcp.bytes", total, read)
                .description("Payload bytes carried by migratory connections").baseUnit("bytes")
                .tag("direction", direction).register(registry);
        held.add(total);
    }

    /** Records a completed migration with its reason and client-observed pause. */
    public void migrated(String reason, Duration pauseTime) {
        Counter.builder("mtcp.migrations").description("Completed migrations")
                .tag("reason", reason).register(registry).increment();
        pause.register(registry).record(pauseTime);
    }

    /** Records the client-observed pause of a migration (measured once the first byte after it arrived). */
    public void pause(Duration pauseTime) {
        pause.register(registry).record(pauseTime);
    }

    /**
     * Counts migrations whose pause this process cannot see (a server counts connections arriving and
     * leaving with reason {@code in} / {@code out}).
     */
    public void migrations(String reason, long count) {
        if (count > 0) {
            Counter.builder("mtcp.migrations").description("Completed migrations")
                    .tag("reason", reason).register(registry).increment(count);
        }
    }

    /** Records {@code count} refused handshakes or migrations with this REJECT code name. */
    public void rejected(String code, long count) {
        if (count > 0) {
            Counter.builder("mtcp.rejected").description("Handshakes and migrations refused")
                    .tag("code", code).register(registry).increment(count);
        }
    }

    /** Shows {@code mtcp_rejected_total} for these codes at 0 before anything is refused (stable dashboards). */
    public void declareRejectCodes(Iterable<String> codes) {
        for (String code : codes) {
            Counter.builder("mtcp.rejected").description("Handshakes and migrations refused")
                    .tag("code", code).register(registry);
        }
    }

    /** Records a refused handshake or migration, by its REJECT code name. */
    public void rejected(String code) {
        Counter.builder("mtcp.rejected").description("Handshakes and migrations refused")
                .tag("code", code).register(registry).increment();
    }

    /** Shows {@code mtcp_connections_given_up_total} at 0 before any connection is given up (a proxy declares it). */
    public void declareGivenUp() {
        givenUp();
    }

    /** Counts a connection no server could take over within the give-up time. */
    public void connectionGivenUp() {
        givenUp().increment();
    }

    private Counter givenUp() {
        return Counter.builder("mtcp.connections.given.up")
                .description("Connections no server could take over within the give-up time (app connection reset)")
                .register(registry);
    }

    /**
     * Runs {@code refresh} before every scrape: for components that expose counters as snapshots
     * (e.g. a server's stats), the refresh adds the deltas since the last scrape.
     */
    public void beforeScrape(Runnable refresh) {
        refreshers.add(Objects.requireNonNull(refresh, "refresh"));
    }

    /** The text exposition (Prometheus text format 0.0.4). */
    public String scrape() {
        refreshers.forEach(Runnable::run);
        return registry.scrape();
    }
}
