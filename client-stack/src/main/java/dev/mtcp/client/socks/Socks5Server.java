package dev.mtcp.client.socks;

import dev.mtcp.client.config.ServiceDirectory;
import dev.mtcp.client.relay.DestinationConnector;
import dev.mtcp.client.relay.ProxyListener;
import dev.mtcp.client.relay.ProxySession;
import dev.mtcp.client.relay.ServiceConnector;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A SOCKS5 listener. Each accepted connection runs on its own virtual thread: handshake (bounded by
 * {@link Socks5Settings#handshakeTimeout()}), destination matched in the {@link ServiceDirectory}, one
 * upstream from the {@link ServiceConnector} (a migratory connection in production), then a
 * {@link dev.mtcp.client.relay.Relay}. Unknown destinations get reply 0x02 unless passthrough is on.
 *
 * <pre>{@code
 * try (Socks5Server socks = Socks5Server.start(settings, directory, migratoryConnector,
 *         new TcpConnector(Duration.ofSeconds(10)), ProxyListener.NONE)) { ... }
 * }</pre>
 */
public final class Socks5Server implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Socks5Server.class);
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(5);

    private final Socks5Settings settings;
    private final SessionContext context;
    private final ServerSocket serverSocket;
    private final Map<String, Socks5Session> sessions = new ConcurrentHashMap<>();
    private final Map<String, Thread> sessionThreads = new ConcurrentHashMap<>();
    private final AtomicLong nextId = new AtomicLong(1);
    private final Thread acceptor;
    private volatile boolean closed;

    /** What every session needs; immutable. */
    record SessionContext(Socks5Settings settings, ServiceDirectory directory, ServiceConnector services,
                          DestinationConnector passthrough, ProxyListener listener) {}

    private Socks5Server(Socks5Settings settings, SessionContext context, ServerSocket serverSocket) {
        this.settings = settings;
        this.context = context;
        this.serverSocket = serverSocket;
        this.acceptor = Thread.ofVirtual().name("socks-accept-" + address().getPort()).unstarted(this::acceptLoop);
    }

    /**
     * Binds and starts accepting.
     *
     * @param passthrough used only when {@link Socks5Settings#passthrough()} is on
     * @throws IOException when the address cannot be bound (in use, not local)
     */
    public static Socks5Server start(Socks5Settings settings, ServiceDirectory directory, ServiceConnector services,
                                     DestinationConnector passthrough, ProxyListener listener) throws IOException {
        SessionContext ctx = new SessionContext(Objects.requireNonNull(settings, "settings"),
                Objects.requireNonNull(directory, "directory"), Objects.requireNonNull(services, "services"),
                Objects.requireNonNull(passthrough, "passthrough"), Objects.requireNonNull(listener, "listener"));
        ServerSocket ss = new ServerSocket();
        try {
            ss.setReuseAddress(true);
            ss.bind(settings.listen(), 128);
        } catch (IOException e) {
            ss.close();
            throw new IOException("cannot listen for SOCKS5 on " + settings.listen() + ": " + e.getMessage(), e);
        }
        Socks5Server server = new Socks5Server(settings, ctx, ss);
        server.acceptor.start();
        LOG.info("socks5 listening on {} (auth: {}, passthrough: {})", server.address(),
                settings.requiresAuthentication() ? "username/password" : "none", settings.passthrough());
        return server;
    }

    /** The bound address (the actual port when 0 was asked for). */
    public InetSocketAddress address() {
        return (InetSocketAddress) serverSocket.getLocalSocketAddress();
    }

    /** The sessions open now (handshaking or relaying). */
    public List<ProxySession> sessions() {
        return sessions.values().stream().map(Socks5Session::snapshot).toList();
    }

    private void acceptLoop() {
        while (!closed) {
            Socket client;
            try {
                client = serverSocket.accept();
            } catch (IOException e) {
                if (!closed) {
                    LOG.warn("socks5 on {}: accept failed, listener stops: {}", address(), e.getMessage());
                }
                return;
            }
            String id = "socks-" + nextId.getAndIncrement();
            if (sessions.size() >= settings.maxSessions()) {
                refuseOverLimit(id, client);
                continue;
            }
            Socks5Session session = new Socks5Session(id, client, context);
            Thread thread = Thread.ofVirtual().name(id).unstarted(() -> {
                try {
                    session.run();
                } finally {
                    sessions.remove(id);
                    sessionThreads.remove(id);
                }
            });
            sessions.put(id, session);
            sessionThreads.put(id, thread);
            thread.start();
        }
    }

    private void refuseOverLimit(String id, Socket client) {
        String reason = "too many sessions (" + settings.maxSessions() + "): connection closed";
        LOG.warn("{} {}: {}", id, client.getRemoteSocketAddress(), reason);
        context.listener().onRefused(id, (InetSocketAddress) client.getRemoteSocketAddress(), reason);
        try {
            client.close();
        } catch (IOException ignored) {
            // already refusing it
        }
    }

    /** Stops listening and closes every session. */
    @Override
    public void close() {
        closed = true;
        try {
            serverSocket.close();
        } catch (IOException e) {
            LOG.warn("socks5 on {}: closing the listener: {}", address(), e.getMessage());
        }
        sessions.values().forEach(Socks5Session::abort);
        awaitThreads();
    }

    /** Waits (bounded by CLOSE_WAIT in all) for the acceptor and the session threads to end. */
    private void awaitThreads() {
        long deadline = System.nanoTime() + CLOSE_WAIT.toNanos();
        List<Thread> threads = new ArrayList<>(sessionThreads.values());
        threads.add(acceptor);
        try {
            for (Thread t : threads) {
                long left = deadline - System.nanoTime();
                if (left <= 0 || !t.join(Duration.ofNanos(left))) {
                    LOG.warn("{}: thread {} still running {} ms after close", address(), t.getName(), CLOSE_WAIT.toMillis());
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
