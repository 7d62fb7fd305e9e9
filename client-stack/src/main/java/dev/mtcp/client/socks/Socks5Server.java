package dev.mtcp.client.socks;

import dev.mtcp.client.config.ServiceDirectory;
import dev.mtcp.client.relay.AcceptLoop;
import dev.mtcp.client.relay.DestinationConnector;
import dev.mtcp.client.relay.ProxyListener;
import dev.mtcp.client.relay.ProxySession;
import dev.mtcp.client.relay.ServiceConnector;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Objects;
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

    private final SessionContext context;
    private final ServerSocket serverSocket;
    private final AcceptLoop<Socket> loop;

    /** What every session needs; immutable. */
    record SessionContext(Socks5Settings settings, ServiceDirectory directory, ServiceConnector services,
                          DestinationConnector passthrough, ProxyListener listener) {}

    private Socks5Server(Socks5Settings settings, SessionContext context, ServerSocket serverSocket) {
        this.context = context;
        this.serverSocket = serverSocket;
        InetSocketAddress bound = address();
        this.loop = new AcceptLoop<>(LOG, "socks5", "socks", "socks-accept-" + bound.getPort(),
                settings.maxSessions(), bound, serverSocket::accept,
                (id, client) -> new Socks5Session(id, client, context), this::refuseOverLimit);
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
        server.loop.start();
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
        return loop.sessions();
    }

    private void refuseOverLimit(String id, Socket client, String reason) {
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
        loop.close(serverSocket);
        loop.awaitThreads();
    }
}
