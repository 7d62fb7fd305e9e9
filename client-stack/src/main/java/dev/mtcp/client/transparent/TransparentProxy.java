package dev.mtcp.client.transparent;

import dev.mtcp.client.config.ServiceDirectory;
import dev.mtcp.client.relay.AcceptLoop;
import dev.mtcp.client.relay.ProxyListener;
import dev.mtcp.client.relay.ProxySession;
import dev.mtcp.client.relay.ServiceConnector;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.List;
import java.util.Objects;
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

    /** What every session needs; immutable. */
    record SessionContext(ServiceDirectory directory, ServiceConnector services, ProxyListener listener,
                          InetSocketAddress listenAddress) {}

    private final ServerSocketChannel channel;
    private final SessionContext context;
    private final RedirectRules rules;
    private final AcceptLoop<SocketChannel> loop;

    private TransparentProxy(TransparentSettings settings, ServerSocketChannel channel, SessionContext context,
                             RedirectRules rules) {
        this.channel = channel;
        this.context = context;
        this.rules = rules;
        this.loop = new AcceptLoop<>(LOG, "transparent", "transparent", "transparent-accept",
                settings.maxSessions(), context.listenAddress(), channel::accept,
                (id, client) -> new TransparentSession(id, client, context), this::refuseOverLimit);
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
        proxy.loop.start();
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
        return loop.sessions();
    }

    private void refuseOverLimit(String id, SocketChannel client, String reason) {
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
        loop.close(channel);
        rules.remove();
        loop.awaitThreads();
    }
}
