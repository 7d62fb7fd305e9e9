package dev.mtcp.client.socks;

import dev.mtcp.client.config.SocksListener;
import dev.mtcp.client.config.SocksUser;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How a {@link Socks5Server} behaves.
 *
 * @param listen           where to listen (port 0: an ephemeral port, see {@link Socks5Server#address()})
 * @param users            empty: no authentication; otherwise RFC 1929 username/password is required
 * @param passthrough      relay destinations that are no configured service as plain TCP
 * @param handshakeTimeout the whole handshake (greeting, authentication, request) must arrive within this
 * @param maxSessions      connections beyond this many are closed at once
 */
public record Socks5Settings(InetSocketAddress listen, List<SocksUser> users, boolean passthrough,
                             Duration handshakeTimeout, int maxSessions) {

    public static final Duration DEFAULT_HANDSHAKE_TIMEOUT = Duration.ofSeconds(10);
    public static final int DEFAULT_MAX_SESSIONS = 1024;

    public Socks5Settings {
        Objects.requireNonNull(listen, "listen");
        users = List.copyOf(users);
        Objects.requireNonNull(handshakeTimeout, "handshakeTimeout");
        if (handshakeTimeout.isNegative() || handshakeTimeout.isZero()) {
            throw new IllegalArgumentException("handshakeTimeout must be positive");
        }
        if (maxSessions < 1) {
            throw new IllegalArgumentException("maxSessions must be at least 1");
        }
    }

    /** Settings for a configured listener, with default timeout and session limit. */
    public static Socks5Settings of(SocksListener l) {
        return new Socks5Settings(l.listen().resolve(), l.users(), l.passthrough(), DEFAULT_HANDSHAKE_TIMEOUT,
                DEFAULT_MAX_SESSIONS);
    }

    public Socks5Settings withHandshakeTimeout(Duration timeout) {
        return new Socks5Settings(listen, users, passthrough, timeout, maxSessions);
    }

    public boolean requiresAuthentication() {
        return !users.isEmpty();
    }
}
