package dev.mtcp.client.relay;

import dev.mtcp.client.ClientConfig;
import dev.mtcp.client.ConnectionObserver;
import dev.mtcp.client.ConnectionStatus;
import dev.mtcp.client.MigrationEvent;
import dev.mtcp.client.MigrationListener;
import dev.mtcp.client.MigratorySocket;
import dev.mtcp.client.ServiceEndpoint;
import dev.mtcp.client.config.ClientFileConfig;
import dev.mtcp.client.config.ServerEntry;
import dev.mtcp.client.config.ServiceConfig;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * Opens one {@link MigratorySocket} per proxied client connection (what the SOCKS5 and transparent
 * listeners use in production), and keeps the open ones so an admin can list and migrate them.
 */
public final class MigratoryConnector implements ServiceConnector {

    private final UnaryOperator<ClientConfig> tweak;
    private final List<MigrationListener> listeners;
    private final Function<ServiceConfig, List<ConnectionObserver>> observers;
    private final Consumer<MigratorySocket> onConnection;
    private final Map<String, MigratorySocket> open = new ConcurrentHashMap<>();

    /**
     * @param tweak     adjusts the {@link ClientConfig} built for a service (timeouts, clock, window)
     * @param listeners attached to every connection before its first event
     */
    public MigratoryConnector(UnaryOperator<ClientConfig> tweak, List<MigrationListener> listeners) {
        this(tweak, listeners, service -> List.of());
    }

    /**
     * @param observers called once per new connection: the observers (e.g. a QoS monitor's metrics) to
     *                  attach to it before its first event
     */
    public MigratoryConnector(UnaryOperator<ClientConfig> tweak, List<MigrationListener> listeners,
                              Function<ServiceConfig, List<ConnectionObserver>> observers) {
        this(tweak, listeners, observers, socket -> { });
    }

    /**
     * @param onConnection called with each new migratory socket once it is connected, before any byte
     *                     is relayed (e.g. to attach the QoS monitor), as {@code ForwardProxy} does
     */
    public MigratoryConnector(UnaryOperator<ClientConfig> tweak, List<MigrationListener> listeners,
                              Function<ServiceConfig, List<ConnectionObserver>> observers,
                              Consumer<MigratorySocket> onConnection) {
        this.tweak = Objects.requireNonNull(tweak, "tweak");
        this.listeners = List.copyOf(listeners);
        this.observers = Objects.requireNonNull(observers, "observers");
        this.onConnection = Objects.requireNonNull(onConnection, "onConnection");
    }

    /** Timeouts from the config file: {@code dead_after}, {@code give_up_after}, {@code migrate_timeout}; PING at a third of dead_after (at most 1 s). */
    public static MigratoryConnector of(ClientFileConfig file, List<MigrationListener> listeners) {
        return of(file, listeners, service -> List.of(), socket -> { });
    }

    /** {@link #of(ClientFileConfig, List)} with observers and a per-connection hook. */
    public static MigratoryConnector of(ClientFileConfig file, List<MigrationListener> listeners,
                                        Function<ServiceConfig, List<ConnectionObserver>> observers,
                                        Consumer<MigratorySocket> onConnection) {
        Duration third = file.deadAfter().dividedBy(3);
        Duration ping = third.compareTo(Duration.ofSeconds(1)) < 0 ? third : Duration.ofSeconds(1);
        Duration pingInterval = ping.isZero() ? Duration.ofMillis(1) : ping;
        return new MigratoryConnector(c -> c.withTimeouts(file.deadAfter(), pingInterval, file.giveUpAfter())
                .withMigrateTimeout(file.migrateTimeout()),
                listeners, observers, onConnection);
    }

    /** The client configuration for a configured service: its servers in order, the first preferred. */
    public ClientConfig clientConfig(ServiceConfig service) {
        List<ServiceEndpoint> endpoints = new ArrayList<>();
        for (ServerEntry e : service.servers()) {
            endpoints.add(new ServiceEndpoint(e.id(), new InetSocketAddress(e.host(), e.port())));
        }
        return tweak.apply(ClientConfig.of(service.name(), endpoints));
    }

    @Override
    public Duplex open(ServiceConfig service) throws IOException {
        MigratorySocket socket = MigratorySocket.connect(clientConfig(service), listeners, observers.apply(service));
        String id = socket.id().hex();
        open.put(id, socket);
        onConnection.accept(socket);
        return new MigratoryDuplex(socket, service.name(), () -> open.remove(id));
    }

    /** The migratory connections open now. */
    public List<ConnectionStatus> connections() {
        return open.values().stream().map(MigratorySocket::status).toList();
    }

    /** The open connection with this id (hex), if any. */
    public Optional<MigratorySocket> connection(String id) {
        return Optional.ofNullable(open.get(id));
    }

    /**
     * Migrates one connection ({@code idOrAll} = its hex id) or every one ({@code all}) to {@code to}, or to
     * the next server of each when empty.
     *
     * @throws NoSuchElementException when no open connection has that id
     */
    public List<CompletableFuture<MigrationEvent>> migrate(String idOrAll, Optional<String> to, String reason) {
        List<MigratorySocket> targets;
        if (idOrAll.equals("all")) {
            targets = List.copyOf(open.values());
        } else {
            MigratorySocket s = open.get(idOrAll);
            if (s == null) {
                throw new NoSuchElementException("no open connection with id " + idOrAll);
            }
            targets = List.of(s);
        }
        return targets.stream()
                .map(s -> to.map(server -> s.migrate(server, reason)).orElseGet(() -> s.migrateToNext(reason)))
                .toList();
    }
}
