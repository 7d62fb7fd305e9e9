package dev.mtcp.client;

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
final class TestCluster implements AutoCloseable {
    final GroupKey key = GroupKey.generate();
    final List<MigratoryServer> servers = new ArrayList<>();

    TestCluster(int n, MigratoryApp app) throws IOException {
        this(n, app, UnaryOperator.identity());
    }

    TestCluster(int n, MigratoryApp app, UnaryOperator<ServerConfig> tweak) throws IOException {
        for (int i = 1; i <= n; i++) {
            servers.add(MigratoryServer.start(tweak.apply(
                    ServerConfig.of("s" + i, new InetSocketAddress("127.0.0.1", 0), key)), app));
        }
        for (MigratoryServer a : servers) {
            for (MigratoryServer b : servers) a.addPeer(b.id(), b.address());
        }
    }

    MigratoryServer server(String id) {
        return servers.stream().filter(s -> s.id().equals(id)).findFirst().orElseThrow();
    }

    List<ServiceEndpoint> endpoints() {
        return servers.stream().map(s -> new ServiceEndpoint(s.id(), s.address())).toList();
    }

    /** A 3 s failure-detector floor: these tests count migrations exactly, a loaded CI box must not add failovers. */
    ClientConfig clientConfig() {
        ClientConfig c = ClientConfig.of("test", endpoints());
        return c.withTimeouts(java.time.Duration.ofSeconds(3), c.pingInterval(), c.giveUpAfter());
    }

    @Override
    public void close() {
        servers.forEach(MigratoryServer::close);
    }
}
