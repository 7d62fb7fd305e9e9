package dev.mtcp.client.config;

import java.util.List;
import java.util.Objects;

/**
 * A SOCKS5 listener.
 *
 * @param listen      where it listens
 * @param users       empty: no authentication (method 0x00); otherwise username/password (RFC 1929)
 *                    is required
 * @param passthrough true: a destination that is no configured service is relayed as plain TCP;
 *                    false: it is refused with reply 0x02
 */
public record SocksListener(HostPort listen, List<SocksUser> users, boolean passthrough) {

    public SocksListener {
        Objects.requireNonNull(listen, "listen");
        users = List.copyOf(users);
    }
}
