package dev.mtcp.tools.run;

import dev.mtcp.client.ConnectionObserver;
import dev.mtcp.client.ConnectionStatus;
import dev.mtcp.client.MigrationEvent;
import dev.mtcp.client.MigrationListener;
import dev.mtcp.client.MigratorySocket;
import dev.mtcp.client.proxy.ForwardProxy;
import dev.mtcp.tools.admin.AdminException;
import dev.mtcp.tools.admin.AdminModel;
import dev.mtcp.tools.admin.ConnectionView;
import dev.mtcp.tools.admin.MigrationOutcome;
import dev.mtcp.tools.admin.MtcpMetrics;
import dev.mtcp.tools.cli.Ids;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;

/**
 * The admin model of a running proxy: the connections of its {@link ForwardProxy} listeners,
 * migrations one by one (each with its own outcome), and the metrics fed by migration events.
 */
public final class ProxyAdmin implements AdminModel {
    private final List<ForwardProxy> proxies = new CopyOnWriteArrayList<>();
    private final Set<String> serverIds;
    private final LongAdder bytesUp = new LongAdder();
    private final LongAdder bytesDown = new LongAdder();
    private final MtcpMetrics metrics;

    /** @param serverIds every server id the proxy's services know (valid {@code ?to=} values) */
    public ProxyAdmin(Set<String> serverIds) {
        this.serverIds = Set.copyOf(serverIds);
        this.metrics = new MtcpMetrics(() -> connectionViews().size(), bytesUp::sum, bytesDown::sum);
    }

    public MtcpMetrics metrics() {
        return metrics;
    }

    /** Adds a started proxy listener. */
    public void add(ForwardProxy proxy) {
        proxies.add(proxy);
    }

    /** For {@code ForwardProxy.start(..., onConnection)}: counts each connection's bytes, migrations and pauses. */
    public void onConnection(MigratorySocket socket) {
        socket.addObserver(new ConnectionObserver() {
            @Override
            public void onDownstreamBytes(long n) {
                bytesDown.add(n);
            }

            @Override
            public void onUpstreamBytes(long n) {
                bytesUp.add(n);
            }
        });
        socket.addListener(new MigrationListener() {
            @Override
            public void onMigrated(MigrationEvent e) {
                metrics.migrations(e.reason(), 1);
            }

            @Override
            public void onPauseMeasured(MigrationEvent e) {
                e.pause().ifPresent(metrics::pause);
            }
        });
    }

    @Override
    public String role() {
        return "proxy";
    }

    @Override
    public List<ConnectionView> connections() {
        return connectionViews();
    }

    private List<ConnectionView> connectionViews() {
        List<ConnectionView> views = new ArrayList<>();
        for (ForwardProxy proxy : proxies) {
            for (ConnectionStatus c : proxy.connections()) {
                views.add(new ConnectionView(c.id(), c.server(), c.epoch(), c.migrations(), c.bytesUp(), c.bytesDown(),
                        c.state()));
            }
        }
        return views;
    }

    @Override
    public CompletableFuture<List<MigrationOutcome>> migrate(String selector, Optional<String> to) throws AdminException {
        if (to.isPresent() && !serverIds.contains(to.get())) {
            throw AdminException.badRequest("unknown server '" + to.get() + "'; this proxy's servers: "
                    + serverIds.stream().sorted().toList());
        }
        List<ConnectionView> all = connectionViews();
        List<ConnectionView> chosen = selector.equals(Ids.ALL) ? all
                : all.stream().filter(c -> c.id().equalsIgnoreCase(selector)).toList();
        if (chosen.isEmpty() && !selector.equals(Ids.ALL)) {
            throw AdminException.notFound("no connection " + selector + " on this proxy; see GET /connections");
        }
        List<CompletableFuture<MigrationOutcome>> outcomes = new ArrayList<>();
        for (ConnectionView c : chosen) {
            outcomes.add(migrateOne(c, to));
        }
        return CompletableFuture.allOf(outcomes.toArray(CompletableFuture[]::new))
                .thenApply(v -> outcomes.stream().map(CompletableFuture::join).toList());
    }

    private CompletableFuture<MigrationOutcome> migrateOne(ConnectionView c, Optional<String> to) {
        String target = to.orElse("next");
        for (ForwardProxy proxy : proxies) {
            if (proxy.connections().stream().anyMatch(s -> s.id().equals(c.id()))) {
                return proxy.migrate(c.id(), to).handle((events, failure) -> {
                    if (failure != null) {
                        Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
                        String why = cause instanceof NoSuchElementException ? "the connection closed" : cause.getMessage();
                        return MigrationOutcome.failed(c.id(), c.server(), target, String.valueOf(why));
                    }
                    MigrationEvent e = events.getFirst();
                    return MigrationOutcome.succeeded(c.id(), e.fromServer(), e.toServer(),
                            e.handshake().toNanos() / 1e6);
                });
            }
        }
        return CompletableFuture.completedFuture(MigrationOutcome.failed(c.id(), c.server(), target, "the connection closed"));
    }
}
