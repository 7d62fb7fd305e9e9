package dev.mtcp.tools.config;

import dev.mtcp.tools.CommandFailure;
import dev.mtcp.tools.cli.HostPort;
import dev.mtcp.tools.cli.ServerRef;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A validated {@code mtcp proxy} configuration (flags form).
 *
 * @param listen port-forward listener: each accepted TCP connection becomes one migratory connection
 * @param servers the service's servers, the first preferred
 * @param socks SOCKS5 listener
 * @param policy QoS policy file
 * @param admin loopback address of the admin HTTP API
 */
public record ProxySettings(HostPort listen, List<ServerRef> servers, Optional<HostPort> socks, Optional<Path> policy,
                            Optional<HostPort> admin) {
    public ProxySettings {
        Objects.requireNonNull(listen, "listen");
        servers = List.copyOf(servers);
        if (servers.isEmpty()) {
            throw CommandFailure.input("give at least one --server ID=HOST:PORT: the servers of the service");
        }
        Set<String> ids = new HashSet<>();
        for (ServerRef server : servers) {
            if (!ids.add(server.id())) {
                throw CommandFailure.input("--server " + server.id() + " is given twice; each server id once");
            }
        }
        policy.ifPresent(p -> SettingsChecks.requireReadableFile("--policy", p));
        admin.ifPresent(SettingsChecks::requireLoopbackAdmin);
        if (socks.isPresent() && socks.get().equals(listen)) {
            throw CommandFailure.input("--socks " + socks.get() + " is the same address as --listen; use two ports");
        }
    }

    /** The preferred server: the first {@code --server}. */
    public ServerRef preferred() {
        return servers.getFirst();
    }
}
