package dev.mtcp.tools.run;

import dev.mtcp.protocol.ErrorCode;
import dev.mtcp.server.MigratoryServer;
import dev.mtcp.server.ServerConnectionStatus;
import dev.mtcp.server.ServerStats;
import dev.mtcp.tools.admin.AdminException;
import dev.mtcp.tools.admin.MigrationOutcome;
import dev.mtcp.tools.admin.MtcpMetrics;
import dev.mtcp.tools.admin.ServerAdminModel;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * The admin model of a running {@link MigratoryServer}: its connections, drain, and metrics.
 * The server exposes snapshots (connections, counters); {@link #refresh} turns them into the
 * monotonic Prometheus counters at each scrape.
 */
public final class ServerAdmin implements ServerAdminModel {
    private final MigratoryServer server;
    private final Set<String> peers;
    private final MtcpMetrics metrics;
    private final ByteTally bytes = new ByteTally();
    private final Map<ErrorCode, Long> lastRejected = new EnumMap<>(ErrorCode.class);
    private long lastMigrationsIn;
    private long lastMigrationsOut;

    public ServerAdmin(MigratoryServer server, Set<String> peers) {
        this.server = server;
        this.peers = Set.copyOf(peers);
        this.metrics = new MtcpMetrics(() -> server.stats().activeConnections(), bytes::up, bytes::down);
        metrics.declareRejectCodes(java.util.Arrays.stream(ErrorCode.values()).map(ErrorCode::name).toList());
        metrics.beforeScrape(this::refresh);
    }

    public MtcpMetrics metrics() {
        return metrics;
    }

    @Override
    public String role() {
        return "server";
    }

    @Override
    public List<ServerConnectionStatus> connections() {
        return server.connections();
    }

    @Override
    public CompletableFuture<List<MigrationOutcome>> migrate(String selector, Optional<String> toServerId)
            throws AdminException {
        throw AdminException.notFound("POST /connections/{id|all}/migrate is a proxy endpoint (the client decides); "
                + "on a server use POST /drain?to=ID (mtcp drain) to hint clients away");
    }

    @Override
    public int drain(Optional<String> toServerId) throws AdminException {
        if (toServerId.isPresent() && !peers.contains(toServerId.get())) {
            throw AdminException.badRequest("unknown server '" + toServerId.get() + "'; peers of " + server.id()
                    + ": " + peers.stream().sorted().toList());
        }
        return server.drain(toServerId);
    }

    /** Adds what happened since the last scrape to the counters (bytes are sampled per connection). */
    synchronized void refresh() {
        Map<String, long[]> now = new HashMap<>();
        for (ServerConnectionStatus c : server.connections()) {
            now.put(c.id(), new long[] {c.bytesUp(), c.bytesDown()});
        }
        bytes.sample(now);
        ServerStats stats = server.stats();
        metrics.migrations("in", stats.migrationsIn() - lastMigrationsIn);
        metrics.migrations("out", stats.migrationsOut() - lastMigrationsOut);
        lastMigrationsIn = stats.migrationsIn();
        lastMigrationsOut = stats.migrationsOut();
        stats.rejected().forEach((code, total) -> {
            metrics.rejected(code.name(), total - lastRejected.getOrDefault(code, 0L));
            lastRejected.put(code, total);
        });
    }
}
