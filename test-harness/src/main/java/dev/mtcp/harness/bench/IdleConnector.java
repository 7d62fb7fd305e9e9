package dev.mtcp.harness.bench;

import dev.mtcp.client.ClientConfig;
import dev.mtcp.client.MigratorySocket;
import dev.mtcp.client.ServiceEndpoint;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;

/** Opens one connection to an echo server, proves it works with one round trip, and leaves it idle. */
@FunctionalInterface
interface IdleConnector {
    /** The open, idle connection; closing it closes the connection. */
    IdleConnection open(InetSocketAddress server) throws IOException;

    interface IdleConnection extends AutoCloseable {
        /** One more small round trip, to prove the connection survived being idle. */
        void ping() throws IOException;

        @Override
        void close();
    }

    /**
     * Migratory sockets to a one-server service whose only server is {@code server}. Idle connections
     * ping every 60 s instead of every second (and are declared dead after 120 s): thousands of them
     * opened at once on a loaded 2-core machine must not fail over because a PONG came late.
     */
    IdleConnector MTCP = server -> {
        ClientConfig base = ClientConfig.of(MtcpCluster.SERVICE, List.of(new ServiceEndpoint("s1", server)))
                .withTimeouts(Duration.ofSeconds(120), Duration.ofSeconds(60), Duration.ofSeconds(120));
        MigratorySocket s = MigratorySocket.connect(new ClientConfig(base.service(), base.servers(), base.deadAfter(),
                base.pingInterval(), base.giveUpAfter(), Duration.ofSeconds(30), base.sendWindowBytes(),
                base.followServerHints(), base.clock(), base.migrateTimeout()));
        EchoClient c = new EchoClient(s.getInputStream(), s.getOutputStream(), s);
        return idle(c);
    };

    /** Plain TCP sockets. */
    IdleConnector PLAIN = server -> idle(new EchoClient(server));

    private static IdleConnection idle(EchoClient c) throws IOException {
        try {
            c.roundTrip();
        } catch (IOException e) {
            c.close();
            throw e;
        }
        return new IdleConnection() {
            @Override
            public void ping() throws IOException {
                c.roundTrip();
            }

            @Override
            public void close() {
                c.close();
            }
        };
    }
}
