package dev.mtcp.client.relay;

import java.net.InetSocketAddress;

/** Events of a proxy listener, for observers and tests; every method has a no-op default. */
public interface ProxyListener {

    /** A session's upstream is open and relaying starts. */
    default void onRelaying(ProxySession session) {}

    /**
     * A client connection was refused or dropped before relaying: bad greeting, wrong credentials,
     * unknown destination, unsupported command, handshake timeout, upstream unreachable.
     *
     * @param reason the same text as the log line
     */
    default void onRefused(String sessionId, InetSocketAddress client, String reason) {}

    /** A relaying session ended; {@code failure} is empty when both directions ended normally. */
    default void onClosed(ProxySession session, java.util.Optional<String> failure) {}

    ProxyListener NONE = new ProxyListener() {};
}
