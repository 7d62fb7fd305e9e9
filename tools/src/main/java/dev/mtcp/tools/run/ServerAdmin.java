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
    private final Map<String, long[]> lastBytes = new HashMap<>();
    private final Map<ErrorCode, Long> lastRejected = new EnumMap<>(ErrorCode.class);
    private long lastMigrationsIn;
    private long lastMigrationsOut;
    private long bytesUp;
    private long bytesDown;

    public ServerAdmin(MigratoryServer server, Set<String> peers) {
        this.server = server;
        this.peers = Set.copyOf(peers);
        this.metrics = new MtcpMetrics(() -> server.stats().activeConnections(), this::bytesUp, this::bytesDown);
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

    private synchronized long bytesUp() {
        return bytesUp;
    }

    private synchronized long bytesDown() {
        return bytesDown;
    }

    /** Adds what happened since the last scrape to the counters (bytes are sampled per connection). */
    synchronized void refresh() {
        Map<String, long[]> seen = new HashMap<>();
        for (ServerConnectionStatus c : server.connections()) {
            long[] before = lastBytes.getOrDefault(c.id(), new long[2]);
            bytesUp += Math.max(0, c.bytesUp() - before[0]);
            bytesDown += Math.max(0, c.bytesDown() - before[1]);
            seen.put(c.id(), new long[] {Math.max(before[0], c.bytesUp()), Math.max(before[1], c.bytesDown())});
        }
        lastBytes.clear();
        lastBytes.putAll(seen);
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
