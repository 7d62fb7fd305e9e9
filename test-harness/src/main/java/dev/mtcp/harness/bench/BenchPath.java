package dev.mtcp.harness.bench;

import java.net.InetSocketAddress;

/**
 * A running path from a client application to a service: the client connects plain TCP to
 * {@link #address()} and talks to the {@link OriginService} at the far end, through whatever the
 * path puts in between (nothing, two relays, or the mtcp proxy, carrier and server stack).
 */
public interface BenchPath extends AutoCloseable {
    /** The path's name in result lines, e.g. {@code direct}. */
    String name();

    /** Where the client application connects. */
    InetSocketAddress address();

    /** Stops everything the path started. */
    @Override
    void close();
}
