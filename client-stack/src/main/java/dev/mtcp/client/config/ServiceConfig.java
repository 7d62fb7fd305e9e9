package dev.mtcp.client.config;

import java.util.List;
import java.util.Objects;

/**
 * A service and the servers that provide it; the first server is preferred.
 *
 * @param name    the service name: what a migratory HELLO asks for, and the host name a SOCKS client
 *                may use ({@code curl --socks5-hostname ... http://NAME/})
 * @param servers at least one
 */
public record ServiceConfig(String name, List<ServerEntry> servers) {

    public ServiceConfig {
        Objects.requireNonNull(name, "name");
        servers = List.copyOf(servers);
        if (servers.isEmpty()) {
            throw new IllegalArgumentException("service " + name + " has no servers");
        }
    }
}
