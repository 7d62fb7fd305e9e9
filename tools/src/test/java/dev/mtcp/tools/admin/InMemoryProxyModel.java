package dev.mtcp.tools.admin;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * A working in-memory proxy admin model: connections over a fixed server list, migrations move them
 * (epoch + 1) and report to the metrics like the real proxy adapter does.
 */
final class InMemoryProxyModel implements AdminModel {
    private final List<String> servers;
    private final MtcpMetrics metrics;
    private final Map<String, ConnectionView> connections = new LinkedHashMap<>();
    private long bytesUp;
    private long bytesDown;

    InMemoryProxyModel(List<String> servers) {
        this.servers = List.copyOf(servers);
        this.metrics = new MtcpMetrics(() -> connectionCount(), () -> totalUp(), () -> totalDown());
    }

    MtcpMetrics metrics() {
        return metrics;
    }

    synchronized void open(String id, long up, long down) {
        connections.put(id, new ConnectionView(id, servers.getFirst(), 1, 0, up, down, "OPEN"));
        bytesUp += up;
        bytesDown += down;
    }

    private synchronized long connectionCount() {
        return connections.size();
    }

    private synchronized long totalUp() {
        return bytesUp;
    }

    private synchronized long totalDown() {
        return bytesDown;
    }

    @Override
    public String role() {
        return "proxy";
    }

    @Override
    public synchronized List<ConnectionView> connections() {
        return List.copyOf(connections.values());
    }

    @Override
    public synchronized CompletableFuture<List<MigrationOutcome>> migrate(String selector, Optional<String> to)
            throws AdminException {
        if (to.isPresent() && !servers.contains(to.get())) {
            throw AdminException.badRequest("unknown server '" + to.get() + "'; servers: " + servers);
        }
        List<String> ids = selector.equals("all") ? List.copyOf(connections.keySet()) : List.of(selector);
        if (!connections.containsKey(ids.isEmpty() ? "" : ids.getFirst()) && !selector.equals("all")) {
            throw AdminException.notFound("no connection " + selector);
        }
        List<MigrationOutcome> outcomes = new ArrayList<>();
        for (String id : ids) {
            ConnectionView c = connections.get(id);
            String target = to.orElse(servers.get((servers.indexOf(c.server()) + 1) % servers.size()));
            if (target.equals(c.server())) {
                outcomes.add(MigrationOutcome.failed(id, c.server(), target, "already on " + target));
                continue;
            }
            connections.put(id, new ConnectionView(id, target, c.epoch() + 1, c.migrations() + 1, c.bytesUp(),
                    c.bytesDown(), "OPEN"));
            metrics.migrated("operator", Duration.ofNanos(700_000));
            outcomes.add(MigrationOutcome.succeeded(id, c.server(), target, 0.7));
        }
        return CompletableFuture.completedFuture(outcomes);
    }
}
