package dev.mtcp.client;

import java.nio.channels.SocketChannel;
import java.time.Duration;

/**
 * The hook a QoS monitor feeds on (per connection). Called on the connection's thread, so
 * implementations must be quick and must not block. All methods default to no-ops.
 */
public interface ConnectionObserver {
    /** A new carrier became current (after connect or a migration): the kernel socket, e.g. for TCP_INFO. */
    default void onCarrier(String serverId, SocketChannel channel) {
    }

    /** New downstream bytes were delivered to the app's input buffer. */
    default void onDownstreamBytes(long n) {
    }

    /** The app wrote upstream bytes. */
    default void onUpstreamBytes(long n) {
    }

    /** The server acknowledged {@code n} more upstream bytes (they are at the server now). */
    default void onUpstreamAcked(long n) {
    }

    /**
     * From each PONG of the current server: how many downstream bytes its app has produced that this
     * client has not received yet ({@code PONG.downEnd − delivered}, never negative). Reported as 0
     * while the app has not read everything delivered: then the client, not the server, holds the
     * stream back. When the missing bytes arrive before the next PONG, a 0 follows them.
     */
    default void onServerDataOutstanding(long bytes) {
    }

    /** A PING/PONG round trip on the current carrier. */
    default void onRttSample(Duration rtt) {
    }

    /** The load the server reported in its PONG (0..1000). */
    default void onServerLoad(int permille) {
    }

    default void onMigrated(MigrationEvent e) {
    }
}
