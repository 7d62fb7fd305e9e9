package dev.mtcp.harness.bench;

import java.io.IOException;
import java.net.InetSocketAddress;

/**
 * A running path from a client application to a service: {@link #connect()} opens one client
 * connection to the {@link OriginService} at the far end, through whatever the path puts in between
 * (nothing, two relays, the mtcp proxy, carrier and server stack).
 */
public interface BenchPath extends AutoCloseable {
    /** The path's name in result lines, e.g. {@code direct}. */
    String name();

    /** Opens one client connection. */
    BenchConnection connect() throws IOException;

    /** Stops everything the path started. */
    @Override
    void close();

    /** A path the client enters with plain TCP at {@code address}; {@code onClose} stops what is behind it. */
    static BenchPath tcp(String name, InetSocketAddress address, Runnable onClose) {
        return new BenchPath() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public BenchConnection connect() throws IOException {
                return BenchConnection.tcp(address);
            }

            @Override
            public void close() {
                onClose.run();
            }
        };
    }
}
