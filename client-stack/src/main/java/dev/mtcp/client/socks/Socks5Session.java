package dev.mtcp.client.socks;

import dev.mtcp.client.config.ServiceConfig;
import dev.mtcp.client.relay.AcceptLoop;
import dev.mtcp.client.relay.Duplex;
import dev.mtcp.client.relay.ProxySession;
import dev.mtcp.client.relay.RelayedSession;
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
final class Socks5Session implements AcceptLoop.Session {

    private static final Logger LOG = LoggerFactory.getLogger(Socks5Session.class);

    private final Socket client;
    private final Socks5Server.SessionContext ctx;
    private final RelayedSession state;

    Socks5Session(String id, Socket client, Socks5Server.SessionContext ctx) {
        this.client = client;
        this.ctx = ctx;
        this.state = new RelayedSession(id, (InetSocketAddress) client.getRemoteSocketAddress(), client,
                ctx.listener(), LOG);
    }

    @Override
    public void run() {
        try (client) {
            client.setTcpNoDelay(true);
            Socks5Handshake handshake = new Socks5Handshake(client, ctx.settings().handshakeTimeout().toMillis());
            handshake.negotiate(ctx.settings().users());
            SocksDestination dst = handshake.readRequest();
            state.destination(dst.toString());
            Duplex upstream = openUpstream(handshake, dst);
            try (upstream) {
                state.upstream(upstream);
                handshake.reply(ReplyCode.SUCCEEDED, upstream.boundAddress());
                String route = state.destination() + " -> "
                        + state.service().map(name -> "service " + name).orElse("passthrough");
                state.relay(new SocketDuplex(client), upstream, route);
            }
        } catch (SocksRefusal r) {
            state.refused(r.getMessage());
        } catch (IOException e) {
            state.refused("I/O error in the handshake: " + e.getMessage());
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
        state.service(match.map(ServiceConfig::name));
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

    private static ReplyCode replyFor(IOException e) {
        return switch (e) {
            case UnknownHostException u -> ReplyCode.HOST_UNREACHABLE;
            case NoRouteToHostException n -> ReplyCode.HOST_UNREACHABLE;
            case SocketTimeoutException t -> ReplyCode.HOST_UNREACHABLE;
            case ConnectException c -> ReplyCode.CONNECTION_REFUSED;
            default -> ReplyCode.GENERAL_FAILURE;
        };
    }

    @Override
    public ProxySession snapshot() {
        return state.snapshot();
    }

    /** Closes the client (and the relay, if running) from another thread. */
    @Override
    public void abort() {
        state.abort();
    }
}
