package dev.mtcp.client.qos;

import dev.mtcp.client.ClientConfig;
import dev.mtcp.client.ServiceEndpoint;
import dev.mtcp.protocol.crypto.GroupKey;
import dev.mtcp.server.MigratoryApp;
import dev.mtcp.server.MigratoryServer;
import dev.mtcp.server.ServerConfig;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/** N real servers on loopback sharing a group key, each knowing the others as peers. */
final class QosTestCluster implements AutoCloseable {
    final List<MigratoryServer> servers = new ArrayList<>();

    QosTestCluster(int n, MigratoryApp app, UnaryOperator<ServerConfig> tweak) throws IOException {
        GroupKey key = GroupKey.generate();
        for (int i = 1; i <= n; i++) {
            servers.add(MigratoryServer.start(tweak.apply(
                    ServerConfig.of("s" + i, new InetSocketAddress("127.0.0.1", 0), key)), app));
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

    ClientConfig clientConfig() {
        return ClientConfig.of("test", servers.stream().map(s -> new ServiceEndpoint(s.id(), s.address())).toList());
    }

    @Override
    public void close() {
        servers.forEach(MigratoryServer::close);
    }
}
