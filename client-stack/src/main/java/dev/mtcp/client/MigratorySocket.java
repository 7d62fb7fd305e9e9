package dev.mtcp.client;

import dev.mtcp.client.internal.AppStreams;
import dev.mtcp.client.internal.ClientConnection;
import dev.mtcp.client.internal.Handshakes;
import dev.mtcp.protocol.ConnectionId;
import dev.mtcp.protocol.ProtocolException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * A migratory connection to a service, used like a socket: a reliable ordered byte stream each way
 * whose server end can move between the service's servers at any moment without the app noticing.
 * {@link #migrate} may be called from any thread at any time; a broken carrier makes the socket
 * migrate to the next server by itself; only when no server can take the connection within
 * {@code giveUpAfter} do the streams fail, with an {@link IOException} saying so.
 */
public final class MigratorySocket implements AutoCloseable {
    private final ClientConnection conn;
    private final AppStreams streams;

    private MigratorySocket(ClientConnection conn) {
        this.conn = conn;
        this.streams = new AppStreams(conn);
    }

    /** Opens a connection to the first server that accepts it, in the configured order. */
    public static MigratorySocket connect(ClientConfig cfg) throws IOException {
        return connect(cfg, List.of(), List.of());
    }

    /** Like {@link #connect(ClientConfig)}, with listeners and observers attached before any event. */
    public static MigratorySocket connect(ClientConfig cfg, List<MigrationListener> listeners,
                                          List<ConnectionObserver> observers) throws IOException {
        List<String> errors = new ArrayList<>();
        for (ServiceEndpoint s : cfg.servers()) {
            try {
                Handshakes.Opened opened = Handshakes.openNew(s.address(), cfg.service(), cfg.connectTimeout(), "new->" + s.id());
                ClientConnection conn = new ClientConnection(cfg, opened, s.id());
                listeners.forEach(conn::addListener);
                observers.forEach(conn::addObserver);
                conn.start();
                return new MigratorySocket(conn);
            } catch (IOException | ProtocolException | Handshakes.Rejected e) {
                errors.add(s.id() + " (" + s.address() + "): " + e.getMessage());
            }
        }
        throw new IOException("could not connect to service '" + cfg.service() + "': " + String.join("; ", errors));
    }

    public ConnectionId id() { return conn.id(); }
    /** The configuration this socket was opened with. */
    public ClientConfig config() { return conn.config(); }
    /** Every server the connection may move to (configured plus the WELCOME alternates), by id, in order. */
    public java.util.Map<String, java.net.InetSocketAddress> knownServers() { return conn.knownServers(); }
    /** The current carrier's kernel socket, for TCP_INFO and the pcap observer; empty while there is none. */
    public Optional<java.nio.channels.SocketChannel> carrierChannel() { return conn.carrierChannel(); }
    public InputStream getInputStream() { return streams.input(); }
    public OutputStream getOutputStream() { return streams.output(); }

    /** Half-close: the server app reads EOF after every byte written so far; reading goes on. */
    public void shutdownOutput() { streams.shutdownOutput(); }

    /** Moves the connection to {@code serverId} (any server of the group, also the current one). */
    public CompletableFuture<MigrationEvent> migrate(String serverId, String reason) {
        return conn.migrate(Optional.of(Objects.requireNonNull(serverId, "serverId")), reason);
    }

    /** Moves the connection to the server after the current one in the list. */
    public CompletableFuture<MigrationEvent> migrateToNext(String reason) {
        return conn.migrate(Optional.empty(), reason);
    }

    public void addListener(MigrationListener l) { conn.addListener(l); }
    public void addObserver(ConnectionObserver o) { conn.addObserver(o); }
    public ConnectionStatus status() { return conn.status(); }

    /** Sends FIN if needed, then CLOSE once the server holds every upstream byte; reads fail from now on. */
    @Override
    public void close() { streams.close(); }
}
