package dev.mtcp.client.transparent;

import dev.mtcp.client.config.ServiceDirectory;
import dev.mtcp.client.relay.ProxyListener;
import dev.mtcp.client.relay.ProxySession;
import dev.mtcp.client.relay.ServiceConnector;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
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
 * The Linux transparent listener. Connections redirected to it by iptables are matched to a service by
 * their original destination ({@link OriginalDestination}) and relayed over one connection from the
 * {@link ServiceConnector} (a migratory connection in production). With
 * {@link TransparentSettings#installRedirect()} it installs the {@link RedirectRules} after binding and
 * removes them at {@link #close()}; otherwise {@link #redirectRules()} renders them for the user.
 */
public final class TransparentProxy implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TransparentProxy.class);
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(5);

    /** What every session needs; immutable. */
    record SessionContext(ServiceDirectory directory, ServiceConnector services, ProxyListener listener,
                          InetSocketAddress listenAddress) {}

    private final TransparentSettings settings;
    private final ServerSocketChannel channel;
    private final SessionContext context;
    private final RedirectRules rules;
    private final Map<String, TransparentSession> sessions = new ConcurrentHashMap<>();
    private final Map<String, Thread> sessionThreads = new ConcurrentHashMap<>();
    private final AtomicLong nextId = new AtomicLong(1);
    private final Thread acceptor;
    private volatile boolean closed;

    private TransparentProxy(TransparentSettings settings, ServerSocketChannel channel, SessionContext context,
                             RedirectRules rules) {
        this.settings = settings;
        this.channel = channel;
        this.context = context;
        this.rules = rules;
        this.acceptor = Thread.ofVirtual().name("transparent-accept").unstarted(this::acceptLoop);
    }

    /** Starts on this host's network. */
    public static TransparentProxy start(TransparentSettings settings, ServiceDirectory directory,
                                         ServiceConnector services, ProxyListener listener) throws IOException {
        return start(settings, directory, services, listener, NetworkContext.HOST);
    }

    /**
     * Binds, installs the redirect rules when asked, and starts accepting.
     *
     * @throws IOException when the address cannot be bound or the rules cannot be installed
     */
    public static TransparentProxy start(TransparentSettings settings, ServiceDirectory directory,
                                         ServiceConnector services, ProxyListener listener, NetworkContext network)
            throws IOException {
        Objects.requireNonNull(settings, "settings");
        StandardProtocolFamily family = settings.listen().getAddress() instanceof Inet6Address
                ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET;
        ServerSocketChannel ch = network.listeners().open(family);
        try {
            ch.setOption(java.net.StandardSocketOptions.SO_REUSEADDR, true);
            ch.bind(settings.listen(), 128);
        } catch (IOException e) {
            ch.close();
            throw new IOException("cannot listen for transparent mode on " + settings.listen() + ": " + e.getMessage(), e);
        }
        InetSocketAddress bound = (InetSocketAddress) ch.getLocalAddress();
        RedirectRules rules = RedirectRules.forServices(directory, bound.getPort(), settings.exemptUid(),
                network.commands());
        if (settings.installRedirect()) {
            try {
                rules.install();
            } catch (IOException e) {
                ch.close();
                throw e;
            }
        }
        SessionContext ctx = new SessionContext(directory, Objects.requireNonNull(services, "services"),
                Objects.requireNonNull(listener, "listener"), bound);
        TransparentProxy proxy = new TransparentProxy(settings, ch, ctx, rules);
        proxy.acceptor.start();
        LOG.info("transparent listening on {} ({} redirect rules {})", bound, rules.rules().size(),
                settings.installRedirect() ? "installed" : "to install by hand");
        return proxy;
    }

    /** The bound address. */
    public InetSocketAddress address() {
        return context.listenAddress();
    }

    /** The rules for this listener: installed ones when {@code installRedirect}, otherwise for printing. */
    public RedirectRules redirectRules() {
        return rules;
    }

    /** The sessions open now. */
    public List<ProxySession> sessions() {
        return sessions.values().stream().map(TransparentSession::snapshot).toList();
    }

    private void acceptLoop() {
        while (!closed) {
            SocketChannel client;
            try {
                client = channel.accept();
            } catch (IOException e) {
                if (!closed) {
                    LOG.warn("transparent on {}: accept failed, listener stops: {}", address(), e.getMessage());
                }
                return;
            }
            String id = "transparent-" + nextId.getAndIncrement();
            if (sessions.size() >= settings.maxSessions()) {
                refuseOverLimit(id, client);
                continue;
            }
            TransparentSession session = new TransparentSession(id, client, context);
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

    private void refuseOverLimit(String id, SocketChannel client) {
        String reason = "too many sessions (" + settings.maxSessions() + "): connection closed";
        try (client) {
            InetSocketAddress from = (InetSocketAddress) client.getRemoteAddress();
            LOG.warn("{} {}: {}", id, from, reason);
            context.listener().onRefused(id, from, reason);
        } catch (IOException ignored) {
            // refusing it anyway
        }
    }

    /** Stops listening, closes every session, and removes the redirect rules it installed. */
    @Override
    public void close() {
        closed = true;
        try {
            channel.close();
        } catch (IOException e) {
            LOG.warn("transparent on {}: closing the listener: {}", address(), e.getMessage());
        }
        sessions.values().forEach(TransparentSession::abort);
        rules.remove();
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
