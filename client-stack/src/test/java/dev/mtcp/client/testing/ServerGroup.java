package dev.mtcp.client.testing;

import dev.mtcp.client.config.ServerEntry;
import dev.mtcp.client.config.ServiceConfig;
import dev.mtcp.protocol.crypto.GroupKey;
import dev.mtcp.server.MigratoryApp;
import dev.mtcp.server.MigratoryServer;
import dev.mtcp.server.ServerConfig;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/** N real {@link MigratoryServer}s on loopback sharing a group key, peers of each other, ids s1..sN. */
public final class ServerGroup implements AutoCloseable {

    private final List<MigratoryServer> servers = new ArrayList<>();

    public ServerGroup(int n, MigratoryApp app) throws IOException {
        this(n, app, "127.0.0.1");
    }

    /** Servers listening on {@code bindHost} (an address of this host), ephemeral ports. */
    public ServerGroup(int n, MigratoryApp app, String bindHost) throws IOException {
        GroupKey key = GroupKey.generate();
        try {
            for (int i = 1; i <= n; i++) {
                servers.add(MigratoryServer.start(ServerConfig.of("s" + i, new InetSocketAddress(bindHost, 0), key), app));
            }
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
        for (MigratoryServer a : servers) {
            for (MigratoryServer b : servers) {
                a.addPeer(b.id(), b.address());
            }
        }
    }

    public List<MigratoryServer> servers() {
        return servers;
    }

    /** The service as a config file would name it. */
    public ServiceConfig service(String name) {
        return new ServiceConfig(name, servers.stream()
                .map(s -> new ServerEntry(s.id(), s.address().getHostString(), s.address().getPort()))
                .toList());
    }

    @Override
    public void close() {
        servers.forEach(MigratoryServer::close);
    }
}
