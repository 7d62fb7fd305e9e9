package dev.mtcp.client.relay;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;

/**
 * The part every proxy session (SOCKS5, transparent) shares once it knows its destination: what
 * {@code sessions()} shows, the relay to the upstream with its log lines and {@link ProxyListener} events,
 * refusals, and abort from another thread. Fields are written by the session's own thread and read by
 * any thread.
 */
public final class RelayedSession {

    private final String id;
    private final Closeable client;
    private final ProxyListener listener;
    private final Logger log;
    private volatile InetSocketAddress clientAddress;
    private volatile String destination = "?";
    private volatile Optional<String> service = Optional.empty();
    private volatile Optional<String> upstreamDescription = Optional.empty();
    private volatile Relay relay;

    /**
     * @param client the accepted connection, closed by {@link #abort()}
     * @param log    the session's logger (its log lines keep their category)
     */
    public RelayedSession(String id, InetSocketAddress clientAddress, Closeable client, ProxyListener listener,
                          Logger log) {
        this.id = Objects.requireNonNull(id, "id");
        this.clientAddress = Objects.requireNonNull(clientAddress, "clientAddress");
        this.client = Objects.requireNonNull(client, "client");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.log = Objects.requireNonNull(log, "log");
    }

    public String id() { return id; }
    public InetSocketAddress clientAddress() { return clientAddress; }
    public void clientAddress(InetSocketAddress address) { this.clientAddress = address; }
    public String destination() { return destination; }
    public void destination(String hostPort) { this.destination = hostPort; }
    public Optional<String> service() { return service; }
    public void service(Optional<String> name) { this.service = name; }

    /** Records the upstream's description for {@link #snapshot()}. */
    public void upstream(Duplex upstream) {
        upstreamDescription = Optional.of(upstream.describe());
    }

    /**
     * Relays between {@code clientSide} and {@code upstream} until both directions ended, with a log line
     * and a listener event at the start and at the end.
     *
     * @param route how the destination was reached, for the start log line, e.g. {@code x:80 -> service web}
     */
    public void relay(Duplex clientSide, Duplex upstream, String route) throws InterruptedException {
        upstream(upstream);
        Relay r = new Relay(id, clientSide, upstream);
        relay = r;
        ProxySession started = snapshot();
        log.info("{} {}: {} via {}", id, clientAddress, route, upstream.describe());
        listener.onRelaying(started);
        Optional<String> failure = r.run();
        log.info("{} {}: closed, {} bytes up, {} bytes down{}", id, clientAddress, r.bytesUp(), r.bytesDown(),
                failure.map(f -> ", " + f).orElse(""));
        listener.onClosed(snapshot(), failure);
    }

    /** Logs and reports a connection refused or dropped before relaying. */
    public void refused(String reason) {
        log.info("{} {}: refused: {}", id, clientAddress, reason);
        listener.onRefused(id, clientAddress, reason);
    }

    /** What {@code sessions()} shows now. */
    public ProxySession snapshot() {
        Relay r = relay;
        return new ProxySession(id, clientAddress, destination, service, upstreamDescription,
                r == null ? 0 : r.bytesUp(), r == null ? 0 : r.bytesDown());
    }

    /** Closes the client (and the relay, if running) from another thread. */
    public void abort() {
        Relay r = relay;
        if (r != null) {
            r.abort();
        }
        try {
            client.close();
        } catch (IOException ignored) {
            // closing on shutdown
        }
    }
}
