package dev.mtcp.client.proxy;

import dev.mtcp.client.ClientConfig;
import dev.mtcp.client.ConnectionStatus;
import dev.mtcp.client.MigrationEvent;
import dev.mtcp.client.MigratorySocket;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Port-forward transparent proxy: every plain TCP connection accepted on the listen address (curl,
 * a browser, nc) becomes one {@link MigratorySocket} to the service, relayed both ways. The admin
 * API (in tools) lists {@link #connections()} and calls {@link #migrate}.
 */
public final class ForwardProxy implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ForwardProxy.class);

    private final ServerSocket listener;
    private final ClientConfig template;
    private final Consumer<MigratorySocket> onConnection;
    private final java.util.concurrent.atomic.LongAdder gaveUp = new java.util.concurrent.atomic.LongAdder();
    private final Map<String, Relay> relays = new ConcurrentHashMap<>();
    private volatile boolean closed;

    private ForwardProxy(ServerSocket listener, ClientConfig template, Consumer<MigratorySocket> onConnection) {
        this.listener = listener;
        this.template = template;
        this.onConnection = onConnection;
    }

    public static ForwardProxy start(InetSocketAddress listen, ClientConfig template) throws IOException {
        return start(listen, template, s -> { });
    }

    /**
     * @param onConnection called with each new migratory socket before relaying starts (attach
     *                     listeners and observers here, e.g. the QoS monitor)
     */
    public static ForwardProxy start(InetSocketAddress listen, ClientConfig template,
                                     Consumer<MigratorySocket> onConnection) throws IOException {
        ServerSocket ss = new ServerSocket();
        ss.setReuseAddress(true);
        ss.bind(listen, 1024);
        ForwardProxy p = new ForwardProxy(ss, template, onConnection);
        Thread.ofVirtual().name("mtcp-proxy-accept").start(p::acceptLoop);
        log.info("proxy listening on {} for service '{}' ({} servers)", p.address(), template.service(), template.servers().size());
        return p;
    }

    /** Connections given up because no server could take them over (their app connections were reset). */
    public long gaveUpCount() {
        return gaveUp.sum();
    }

    public InetSocketAddress address() {
        return (InetSocketAddress) listener.getLocalSocketAddress();
    }

    /** The live connections, in no particular order. */
    public List<ConnectionStatus> connections() {
        return relays.values().stream().map(r -> r.socket().status()).toList();
    }

    /**
     * Migrates one connection (by hex id) or {@code "all"} to {@code to}, or to each one's next
     * server when empty. The future fails with {@link NoSuchElementException} for an unknown id.
     */
    public CompletableFuture<List<MigrationEvent>> migrate(String idOrAll, Optional<String> to) {
        List<MigratorySocket> targets = new ArrayList<>();
        if (idOrAll.equals("all")) {
            relays.values().forEach(r -> targets.add(r.socket()));
        } else {
            Relay r = relays.get(idOrAll.toLowerCase(java.util.Locale.ROOT));
            if (r == null) {
                return CompletableFuture.failedFuture(new NoSuchElementException("no connection with id '" + idOrAll + "'"));
            }
            targets.add(r.socket());
        }
        List<CompletableFuture<MigrationEvent>> fs = targets.stream()
                .map(s -> to.map(t -> s.migrate(t, "operator")).orElseGet(() -> s.migrateToNext("operator")))
                .toList();
        return CompletableFuture.allOf(fs.toArray(CompletableFuture[]::new))
                .thenApply(v -> fs.stream().map(CompletableFuture::join).toList());
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket plain = listener.accept();
                Thread.ofVirtual().name("mtcp-proxy-open").start(() -> open(plain));
            } catch (IOException e) {
                if (!closed) log.warn("proxy accept failed: {}", e.toString());
            }
        }
    }

    private void open(Socket plain) {
        MigratorySocket mtcp;
        try {
            plain.setTcpNoDelay(true);
            mtcp = MigratorySocket.connect(template);
        } catch (IOException e) {
            log.warn("proxy: connection from {} refused: {}", plain.getRemoteSocketAddress(), e.getMessage());
            try {
                plain.setSoLinger(true, 0);
                plain.close();
            } catch (IOException ignored) {
                // the client is gone already
            }
            return;
        }
        mtcp.addListener(new dev.mtcp.client.MigrationListener() {
            @Override
            public void onGaveUp(dev.mtcp.protocol.ConnectionId id, String why) {
                gaveUp.increment();     // the Relay resets the plain client; the reason is logged by the connection
            }
        });
        onConnection.accept(mtcp);
        Relay relay = new Relay(plain, mtcp);
        String id = mtcp.id().hex();
        relays.put(id, relay);
        log.debug("conn={} opened for {}", id, plain.getRemoteSocketAddress());
        relay.start(() -> relays.remove(id));
    }

    @Override
    public void close() {
        closed = true;
        try {
            listener.close();
        } catch (IOException e) {
            log.debug("proxy listener close: {}", e.toString());
        }
        relays.values().forEach(Relay::abort);
        relays.clear();
    }
}
