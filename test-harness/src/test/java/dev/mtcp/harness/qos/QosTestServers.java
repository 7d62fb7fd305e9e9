package dev.mtcp.harness.qos;

import dev.mtcp.client.ServiceEndpoint;
import dev.mtcp.protocol.crypto.GroupKey;
import dev.mtcp.server.MigratoryServer;
import dev.mtcp.server.ServerConfig;
import dev.mtcp.server.apps.StreamApp;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/** N stream-app servers on loopback sharing a group key, each knowing the others as peers. */
final class QosTestServers implements AutoCloseable {
    final List<MigratoryServer> servers = new ArrayList<>();

    QosTestServers(int n) throws IOException {
        GroupKey key = GroupKey.generate();
        try {
            for (int i = 1; i <= n; i++) {
                servers.add(MigratoryServer.start(ServerConfig.of("s" + i, new InetSocketAddress("127.0.0.1", 0), key),
                        new StreamApp()));
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

    MigratoryServer server(String id) {
        return servers.stream().filter(s -> s.id().equals(id)).findFirst().orElseThrow();
    }

    /** The servers as a client reaches them directly. */
    List<ServiceEndpoint> endpoints() {
        return servers.stream().map(s -> new ServiceEndpoint(s.id(), s.address())).toList();
    }

    @Override
    public void close() {
        servers.forEach(MigratoryServer::close);
    }
}
