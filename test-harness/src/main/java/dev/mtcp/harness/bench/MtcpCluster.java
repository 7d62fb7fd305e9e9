package dev.mtcp.harness.bench;

import dev.mtcp.client.ClientConfig;
import dev.mtcp.client.ServiceEndpoint;
import dev.mtcp.protocol.crypto.GroupKey;
import dev.mtcp.server.MigratoryApp;
import dev.mtcp.server.MigratoryConnection;
import dev.mtcp.server.MigratoryServer;
import dev.mtcp.server.ServerConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * A group of {@link MigratoryServer}s on 127.0.0.1 (ephemeral ports, one group key, every server the
 * others' peer) running the same benchmark service. The HELLO rate limit is raised: a benchmark opens
 * thousands of connections from one address on purpose.
 */
public final class MtcpCluster implements AutoCloseable {
    static final String SERVICE = "bench";
    private static final int BENCH_HELLO_RATE = 1_000_000;

    private final List<MigratoryServer> servers;

    private MtcpCluster(List<MigratoryServer> servers) {
        this.servers = List.copyOf(servers);
    }

    /** Starts {@code count} servers named {@code s1..sN} running {@code logic}. */
    public static MtcpCluster start(int count, ServiceLogic logic) throws IOException {
        return start(count, logic, UnaryOperator.identity());
    }

    /** Each server replicates to the next one (s1 → s2 → ... → s1): ack-on-replicate, the crash-failover setup. */
    public static UnaryOperator<ServerConfig> backupRing(int count) {
        return cfg -> {
            int i = Integer.parseInt(cfg.id().substring(1));
            return cfg.withBackups(List.of("s" + (i % count + 1)));
        };
    }

    /** Like {@link #start(int, ServiceLogic)}, each server's configuration adjusted by {@code tweak}. */
    public static MtcpCluster start(int count, ServiceLogic logic, UnaryOperator<ServerConfig> tweak) throws IOException {
        GroupKey key = GroupKey.generate();
        List<MigratoryServer> started = new ArrayList<>();
        try {
            for (int i = 1; i <= count; i++) {
                ServerConfig cfg = ServerConfig.of("s" + i, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), key)
                        .withHelloRate(BENCH_HELLO_RATE, BENCH_HELLO_RATE);
                started.add(MigratoryServer.start(tweak.apply(cfg), app(logic)));
            }
            for (MigratoryServer a : started) {
                for (MigratoryServer b : started) {
                    if (a != b) {
                        a.addPeer(b.id(), b.address());
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            started.forEach(MigratoryServer::close);
            throw e;
        }
        return new MtcpCluster(started);
    }

    /**
     * The benchmark service as a migratory app: checkpoints go to {@code exportState}, resumes read
     * {@code importedState}; when the client has closed its side and the service is done, the server
     * closes its side too (FIN), as a plain TCP server closing its socket would.
     */
    static MigratoryApp app(ServiceLogic logic) {
        return conn -> {
            logic.serve(conn.input(), conn.output(), checkpoints(conn));
            conn.output().close();
        };
    }

    private static Checkpoints checkpoints(MigratoryConnection conn) {
        return new Checkpoints() {
            @Override
            public Optional<byte[]> imported() {
                return conn.importedState();
            }

            @Override
            public void export(byte[] snapshot) {
                conn.exportState(snapshot);
            }
        };
    }

    public MigratoryServer server(int index) {
        return servers.get(index);
    }

    public List<ServiceEndpoint> endpoints() {
        return servers.stream().map(s -> new ServiceEndpoint(s.id(), s.address())).toList();
    }

    /** A client configuration for this group, the first server preferred. */
    public ClientConfig clientConfig() {
        return ClientConfig.of(SERVICE, endpoints());
    }

    @Override
    public void close() {
        servers.forEach(MigratoryServer::close);
    }
}
