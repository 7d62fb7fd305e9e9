package dev.mtcp.client.relay;

import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.Optional;

/**
 * One client connection accepted by a proxy listener, as shown by {@code sessions()} and passed to
 * {@link ProxyListener}.
 *
 * @param id          proxy-local id for log lines, e.g. {@code socks-7}
 * @param client      the client's address
 * @param destination what the client asked for, {@code host:port}
 * @param service     the matched service; empty for passthrough or before matching
 * @param upstream    {@link Duplex#describe()} of the upstream; empty before it is open
 * @param bytesUp     client → service bytes relayed so far
 * @param bytesDown   service → client bytes relayed so far
 */
public record ProxySession(String id, InetSocketAddress client, String destination, Optional<String> service,
                           Optional<String> upstream, long bytesUp, long bytesDown) {

    public ProxySession {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(upstream, "upstream");
    }
}
