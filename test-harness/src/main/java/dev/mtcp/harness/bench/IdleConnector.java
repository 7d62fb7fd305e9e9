package dev.mtcp.harness.bench;

import java.io.IOException;
import java.net.InetSocketAddress;

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

    /** Plain TCP sockets. */
    IdleConnector PLAIN = server -> {
        EchoClient c = new EchoClient(server);
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
    };
}
