package dev.mtcp.client.socks;

import dev.mtcp.client.config.ServiceConfig;
import dev.mtcp.client.relay.Duplex;
import dev.mtcp.client.relay.ProxySession;
import dev.mtcp.client.relay.Relay;
import dev.mtcp.client.relay.SocketDuplex;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One SOCKS5 client connection, from greeting to the end of its relay; runs on its own virtual thread. */
final class Socks5Session {

    private static final Logger LOG = LoggerFactory.getLogger(Socks5Session.class);

    private final String id;
    private final Socket client;
    private final InetSocketAddress clientAddress;
    private final Socks5Server.SessionContext ctx;
    private volatile String destination = "?";
    private volatile Optional<String> service = Optional.empty();
    private volatile Optional<String> upstreamDescription = Optional.empty();
    private volatile Relay relay;

    Socks5Session(String id, Socket client, Socks5Server.SessionContext ctx) {
        this.id = id;
        this.client = client;
        this.clientAddress = (InetSocketAddress) client.getRemoteSocketAddress();
        this.ctx = ctx;
    }

    void run() {
        try (client) {
            client.setTcpNoDelay(true);
            Socks5Handshake handshake = new Socks5Handshake(client, ctx.settings().handshakeTimeout().toMillis());
            handshake.negotiate(ctx.settings().users());
            SocksDestination dst = handshake.readRequest();
            destination = dst.toString();
            Duplex upstream = openUpstream(handshake, dst);
            try (upstream) {
                upstreamDescription = Optional.of(upstream.describe());
                handshake.reply(ReplyCode.SUCCEEDED, upstream.boundAddress());
                relay(upstream);
            }
        } catch (SocksRefusal r) {
            refused(r.getMessage());
        } catch (IOException e) {
            refused("I/O error in the handshake: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Duplex openUpstream(Socks5Handshake handshake, SocksDestination dst) throws IOException, SocksRefusal {
        Optional<ServiceConfig> match = ctx.directory().match(dst.host(), dst.port());
        if (match.isEmpty() && !ctx.settings().passthrough()) {
            handshake.reply(ReplyCode.NOT_ALLOWED, null);
            throw new SocksRefusal("destination " + dst + " is no configured service (services: "
                    + ctx.directory().services().stream().map(ServiceConfig::name).toList()
                    + ") and passthrough is off: reply 0x02");
        }
        service = match.map(ServiceConfig::name);
        try {
            if (match.isPresent()) {
                return ctx.services().open(match.get());
            }
            return ctx.passthrough().open(dst.host(), dst.port());
        } catch (IOException e) {
            ReplyCode code = replyFor(e);
            handshake.reply(code, null);
            throw new SocksRefusal("cannot reach " + match.map(s -> "service " + s.name()).orElse("passthrough " + dst)
                    + ": " + e.getMessage() + " (reply 0x0" + code.wireValue() + ")");
        }
    }

    private void relay(Duplex upstream) throws InterruptedException {
        Relay r = new Relay(id, new SocketDuplex(client), upstream);
        relay = r;
        ProxySession started = snapshot();
        LOG.info("{} {}: {} -> {} via {}", id, clientAddress, destination,
                service.map(s -> "service " + s).orElse("passthrough"), upstream.describe());
        ctx.listener().onRelaying(started);
        Optional<String> failure = r.run();
        LOG.info("{} {}: closed, {} bytes up, {} bytes down{}", id, clientAddress, r.bytesUp(), r.bytesDown(),
                failure.map(f -> ", " + f).orElse(""));
        ctx.listener().onClosed(snapshot(), failure);
    }

    private void refused(String reason) {
        LOG.info("{} {}: refused: {}", id, clientAddress, reason);
        ctx.listener().onRefused(id, clientAddress, reason);
    }

    private static ReplyCode replyFor(IOException e) {
        return switch (e) {
            case UnknownHostException u -> ReplyCode.HOST_UNREACHABLE;
            case NoRouteToHostException n -> ReplyCode.HOST_UNREACHABLE;
            case SocketTimeoutException t -> ReplyCode.HOST_UNREACHABLE;
            case ConnectException c -> ReplyCode.CONNECTION_REFUSED;
            default -> ReplyCode.GENERAL_FAILURE;
        };
    }

    ProxySession snapshot() {
        Relay r = relay;
        return new ProxySession(id, clientAddress, destination, service, upstreamDescription,
                r == null ? 0 : r.bytesUp(), r == null ? 0 : r.bytesDown());
    }

    /** Closes the client (and the relay, if running) from another thread. */
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
