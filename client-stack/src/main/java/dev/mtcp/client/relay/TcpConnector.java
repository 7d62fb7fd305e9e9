package dev.mtcp.client.relay;

import dev.mtcp.client.config.ServerEntry;
import dev.mtcp.client.config.ServiceConfig;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Plain TCP: to an arbitrary destination (SOCKS passthrough), or to a service's servers in order,
 * first that accepts (no migration: the connection ends with that server).
 */
public final class TcpConnector implements ServiceConnector, DestinationConnector {

    /** Creates an unconnected socket; lets a caller choose where it lives (e.g. a network namespace). */
    @FunctionalInterface
    public interface SocketFactory {
        Socket create() throws IOException;
    }

    private final Duration connectTimeout;
    private final SocketFactory sockets;

    public TcpConnector(Duration connectTimeout) {
        this(connectTimeout, Socket::new);
    }

    public TcpConnector(Duration connectTimeout, SocketFactory sockets) {
        this.connectTimeout = Objects.requireNonNull(connectTimeout, "connectTimeout");
        this.sockets = Objects.requireNonNull(sockets, "sockets");
    }

    @Override
    public Duplex open(String host, int port) throws IOException {
        InetSocketAddress target = new InetSocketAddress(host, port);
        if (target.isUnresolved()) {
            throw new java.net.UnknownHostException(host + " does not resolve");
        }
        return connect(target);
    }

    @Override
    public Duplex open(ServiceConfig service) throws IOException {
        List<String> failures = new ArrayList<>();
        for (ServerEntry e : service.servers()) {
            try {
                return open(e.host(), e.port());
            } catch (IOException ex) {
                failures.add(e.id() + " " + e.address() + ": " + ex.getMessage());
            }
        }
        throw new ConnectException("no server of service " + service.name() + " accepted: " + String.join("; ", failures));
    }

    private Duplex connect(InetSocketAddress target) throws IOException {
        Socket s = sockets.create();
        try {
            s.setTcpNoDelay(true);
            s.connect(target, Math.toIntExact(connectTimeout.toMillis()));
            return new SocketDuplex(s);
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e;
        }
    }
}
