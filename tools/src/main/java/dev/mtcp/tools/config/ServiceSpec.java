package dev.mtcp.tools.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.mtcp.tools.CommandFailure;
import dev.mtcp.tools.cli.Ids;
import dev.mtcp.tools.cli.ServerRef;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A service of the client config: its name and its servers, the first preferred.
 *
 * @param name service name (also the SOCKS destination host that selects it)
 * @param servers its servers
 */
public record ServiceSpec(String name, List<ServerRef> servers) {
    public ServiceSpec {
        servers = List.copyOf(servers);
    }

    /** As read from YAML: {@code servers: [ID=HOST:PORT, ...]}; the name comes from the map key. */
    @JsonCreator
    static ServiceSpec fromYaml(@JsonProperty(value = "servers", required = true) List<String> servers) {
        if (servers == null || servers.isEmpty()) {
            throw new IllegalArgumentException("a service needs at least one server ID=HOST:PORT");
        }
        Set<String> ids = new HashSet<>();
        List<ServerRef> refs = servers.stream().map(ServerRef::parse).toList();
        for (ServerRef ref : refs) {
            if (!ids.add(ref.id())) {
                throw new IllegalArgumentException("server id " + ref.id() + " is listed twice");
            }
        }
        return new ServiceSpec("", refs);
    }

    ServiceSpec named(Path file, String serviceName) {
        if (!Ids.isServerId(serviceName)) {
            throw CommandFailure.input(file + ": services: bad service name '" + serviceName
                    + "': use letters, digits, '.', '_' or '-'");
        }
        return new ServiceSpec(serviceName, servers);
    }
}
