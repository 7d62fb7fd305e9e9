package dev.mtcp.client.transparent;

import dev.mtcp.client.config.ServiceConfig;
import dev.mtcp.client.relay.AcceptLoop;
import dev.mtcp.client.relay.Duplex;
import dev.mtcp.client.relay.ProxySession;
import dev.mtcp.client.relay.RelayedSession;
import dev.mtcp.client.relay.SocketDuplex;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.SocketChannel;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One redirected connection: original destination, service match, upstream, relay. */
final class TransparentSession implements AcceptLoop.Session {

    private static final Logger LOG = LoggerFactory.getLogger(TransparentSession.class);

    private final SocketChannel client;
    private final TransparentProxy.SessionContext ctx;
    private final RelayedSession state;

    TransparentSession(String id, SocketChannel client, TransparentProxy.SessionContext ctx) {
        this.client = client;
        this.ctx = ctx;
        this.state = new RelayedSession(id, new InetSocketAddress(0), client, ctx.listener(), LOG);
    }

    @Override
    public void run() {
        try (client) {
            state.clientAddress((InetSocketAddress) client.getRemoteAddress());
            InetSocketAddress original = OriginalDestination.of(client);
            String destination = hostPort(original);
            state.destination(destination);
            if (original.equals(ctx.listenAddress()) || original.equals(client.getLocalAddress())) {
                state.refused("connection was made to the proxy's own address, not redirected: transparent mode serves"
                        + " connections that an iptables REDIRECT rule sends here; use the forward or SOCKS listener"
                        + " for direct connections");
                return;
            }
            Optional<ServiceConfig> match = ctx.directory().match(original.getAddress(), original.getPort());
            if (match.isEmpty()) {
                state.refused("original destination " + destination + " is no configured service: the redirect rules"
                        + " cover more than the services (check: iptables -t nat -S OUTPUT)");
                return;
            }
            state.service(match.map(ServiceConfig::name));
            Duplex upstream;
            try {
                upstream = ctx.services().open(match.get());
            } catch (IOException e) {
                state.refused("cannot reach service " + match.get().name() + ": " + e.getMessage());
                return;
            }
            try (upstream) {
                state.relay(new SocketDuplex(client.socket()), upstream,
                        "original destination " + destination + " -> service " + match.get().name());
            }
        } catch (IOException e) {
            state.refused(e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String hostPort(InetSocketAddress a) {
        String host = a.getAddress().getHostAddress();
        return host.indexOf(':') >= 0 ? "[" + host + "]:" + a.getPort() : host + ":" + a.getPort();
    }

    @Override
    public ProxySession snapshot() {
        return state.snapshot();
    }

    @Override
    public void abort() {
        state.abort();
    }
}
