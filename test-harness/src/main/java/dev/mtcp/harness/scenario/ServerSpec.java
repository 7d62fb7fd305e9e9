package dev.mtcp.harness.scenario;

import java.util.List;

/**
 * One server of the scenario's topology.
 *
 * @param id         {@code s1..sN}: also the name of its namespace and link
 * @param app        the application it serves
 * @param backups    servers that hold a replica of its connections (crash failover)
 * @param extraArgs  further {@code mtcp server} options, passed as written
 */
public record ServerSpec(String id, App app, List<String> backups, List<String> extraArgs) {
    public ServerSpec {
        backups = List.copyOf(backups);
        extraArgs = List.copyOf(extraArgs);
    }
}
