package dev.mtcp.tools.run;

import dev.mtcp.client.ConnectionObserver;
import dev.mtcp.client.ConnectionStatus;
import dev.mtcp.client.MigrationEvent;
import dev.mtcp.client.MigrationListener;
import dev.mtcp.client.MigratorySocket;
import dev.mtcp.client.proxy.ForwardProxy;
import dev.mtcp.client.relay.MigratoryConnector;
import dev.mtcp.tools.admin.AdminException;
import dev.mtcp.tools.admin.AdminModel;
import dev.mtcp.tools.admin.ConnectionView;
import dev.mtcp.tools.admin.MigrationOutcome;
import dev.mtcp.tools.admin.MtcpMetrics;
import dev.mtcp.tools.cli.Ids;
import java.time.Duration;
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
 * The admin model of a running proxy: the connections of all its listeners (port-forward
 * {@link ForwardProxy}s, and the {@link MigratoryConnector} behind SOCKS5 and transparent mode),
 * migrations one by one (each with its own outcome), and the metrics fed by the connections' events.
 */
public final class ProxyAdmin implements AdminModel {
    private static final String REASON = "operator";

    /** Where connections live: something that lists them and migrates one by id. */
    private interface Source {
        List<ConnectionStatus> connections();

        CompletableFuture<MigrationEvent> migrate(String id, Optional<String> to);
    }

    private final List<Source> sources = new CopyOnWriteArrayList<>();
    private final Set<String> serverIds;
    private final LongAdder bytesUp = new LongAdder();
    private final LongAdder bytesDown = new LongAdder();
    private final MtcpMetrics metrics;
    private final MigrationListener migrationCounter;
    private final ConnectionObserver byteCounter;

    /** @param serverIds every server id the proxy's services know (valid {@code ?to=} values) */
    public ProxyAdmin(Set<String> serverIds) {
        this.serverIds = Set.copyOf(serverIds);
        this.metrics = new MtcpMetrics(() -> connectionViews().size(), bytesUp::sum, bytesDown::sum);
        this.migrationCounter = new MigrationListener() {
            @Override
            public void onMigrated(MigrationEvent e) {
                metrics.migrations(e.reason(), 1);
            }

            @Override
            public void onPauseMeasured(MigrationEvent e) {
                e.pause().ifPresent(metrics::pause);
            }

            @Override
            public void onGaveUp(dev.mtcp.protocol.ConnectionId id, String why) {
                metrics.connectionGivenUp();
            }
        };
        metrics.declareGivenUp();
        this.byteCounter = new ConnectionObserver() {
            @Override
            public void onDownstreamBytes(long n) {
                bytesDown.add(n);
            }

            @Override
            public void onUpstreamBytes(long n) {
                bytesUp.add(n);
            }
        };
    }

    public MtcpMetrics metrics() {
        return metrics;
    }

    /** The listener every connection gets (migrations and pauses into the metrics). */
    public MigrationListener migrationCounter() {
        return migrationCounter;
    }

    /** The observer every connection gets (bytes into the metrics). */
    public ConnectionObserver byteCounter() {
        return byteCounter;
    }

    /** For {@code ForwardProxy.start(..., onConnection)}. */
    public void onConnection(MigratorySocket socket) {
        socket.addObserver(byteCounter);
        socket.addListener(migrationCounter);
    }

    /** Adds a started port-forward listener. */
    public void add(ForwardProxy proxy) {
        sources.add(new Source() {
            @Override
            public List<ConnectionStatus> connections() {
                return proxy.connections();
            }

            @Override
            public CompletableFuture<MigrationEvent> migrate(String id, Optional<String> to) {
                return proxy.migrate(id, to).thenApply(List::getFirst);
            }
        });
    }

    /** Adds the connector behind the SOCKS5 and transparent listeners. */
    public void add(MigratoryConnector connector) {
        sources.add(new Source() {
            @Override
            public List<ConnectionStatus> connections() {
                return connector.connections();
            }

            @Override
            public CompletableFuture<MigrationEvent> migrate(String id, Optional<String> to) {
                return connector.migrate(id, to, REASON).getFirst();
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
        for (Source source : sources) {
            for (ConnectionStatus c : source.connections()) {
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
        List<CompletableFuture<MigrationOutcome>> outcomes = new ArrayList<>();
        for (Source source : sources) {
            for (ConnectionStatus c : source.connections()) {
                if (selector.equals(Ids.ALL) || c.id().equalsIgnoreCase(selector)) {
                    outcomes.add(migrateOne(source, c, to));
                }
            }
        }
        if (outcomes.isEmpty() && !selector.equals(Ids.ALL)) {
            throw AdminException.notFound("no connection " + selector + " on this proxy; see GET /connections");
        }
        return CompletableFuture.allOf(outcomes.toArray(CompletableFuture[]::new))
                .thenApply(v -> outcomes.stream().map(CompletableFuture::join).toList());
    }

    private static CompletableFuture<MigrationOutcome> migrateOne(Source source, ConnectionStatus c, Optional<String> to) {
        String target = to.orElse("next");
        CompletableFuture<MigrationEvent> migration;
        try {
            migration = source.migrate(c.id(), to);
        } catch (NoSuchElementException closed) {
            return CompletableFuture.completedFuture(MigrationOutcome.failed(c.id(), c.server(), target, "the connection closed"));
        }
        return migration.handle((e, failure) -> {
            if (failure != null) {
                Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
                String why = cause instanceof NoSuchElementException ? "the connection closed" : cause.getMessage();
                return MigrationOutcome.failed(c.id(), c.server(), target, String.valueOf(why));
            }
            return MigrationOutcome.succeeded(c.id(), e.fromServer(), e.toServer(), millis(e.handshake()));
        });
    }

    private static double millis(Duration d) {
        return d.toNanos() / 1e6;
    }
}
