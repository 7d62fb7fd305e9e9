package dev.mtcp.client.transparent;

import dev.mtcp.client.config.ServiceConfig;
import dev.mtcp.client.relay.Duplex;
import dev.mtcp.client.relay.ProxySession;
import dev.mtcp.client.relay.Relay;
import dev.mtcp.client.relay.SocketDuplex;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.SocketChannel;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One redirected connection: original destination, service match, upstream, relay. */
final class TransparentSession {

    private static final Logger LOG = LoggerFactory.getLogger(TransparentSession.class);

    private final String id;
    private final SocketChannel client;
    private final TransparentProxy.SessionContext ctx;
    private volatile InetSocketAddress clientAddress;
    private volatile String destination = "?";
    private volatile Optional<String> service = Optional.empty();
    private volatile Optional<String> upstreamDescription = Optional.empty();
    private volatile Relay relay;

    TransparentSession(String id, SocketChannel client, TransparentProxy.SessionContext ctx) {
        this.id = id;
        this.client = client;
        this.ctx = ctx;
        this.clientAddress = new InetSocketAddress(0);
    }

    void run() {
        try (client) {
            clientAddress = (InetSocketAddress) client.getRemoteAddress();
            InetSocketAddress original = OriginalDestination.of(client);
            destination = hostPort(original);
            if (original.equals(ctx.listenAddress()) || original.equals(client.getLocalAddress())) {
                refused("connection was made to the proxy's own address, not redirected: transparent mode serves"
                        + " connections that an iptables REDIRECT rule sends here; use the forward or SOCKS listener"
                        + " for direct connections");
                return;
            }
            Optional<ServiceConfig> match = ctx.directory().match(original.getAddress(), original.getPort());
            if (match.isEmpty()) {
                refused("original destination " + destination + " is no configured service: the redirect rules"
                        + " cover more than the services (check: iptables -t nat -S OUTPUT)");
                return;
            }
            service = match.map(ServiceConfig::name);
            Duplex upstream;
            try {
                upstream = ctx.services().open(match.get());
            } catch (IOException e) {
                refused("cannot reach service " + match.get().name() + ": " + e.getMessage());
                return;
            }
            try (upstream) {
                relay(upstream);
            }
        } catch (IOException e) {
            refused(e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void relay(Duplex upstream) throws InterruptedException {
        upstreamDescription = Optional.of(upstream.describe());
        Relay r = new Relay(id, new SocketDuplex(client.socket()), upstream);
        relay = r;
        LOG.info("{} {}: original destination {} -> service {} via {}", id, clientAddress, destination,
                service.orElse("?"), upstream.describe());
        ctx.listener().onRelaying(snapshot());
        Optional<String> failure = r.run();
        LOG.info("{} {}: closed, {} bytes up, {} bytes down{}", id, clientAddress, r.bytesUp(), r.bytesDown(),
                failure.map(f -> ", " + f).orElse(""));
        ctx.listener().onClosed(snapshot(), failure);
    }

    private void refused(String reason) {
        LOG.info("{} {}: refused: {}", id, clientAddress, reason);
        ctx.listener().onRefused(id, clientAddress, reason);
    }

    private static String hostPort(InetSocketAddress a) {
        String host = a.getAddress().getHostAddress();
        return host.indexOf(':') >= 0 ? "[" + host + "]:" + a.getPort() : host + ":" + a.getPort();
    }

    ProxySession snapshot() {
        Relay r = relay;
        return new ProxySession(id, clientAddress, destination, service, upstreamDescription,
                r == null ? 0 : r.bytesUp(), r == null ? 0 : r.bytesDown());
    }

    void abort() {
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
