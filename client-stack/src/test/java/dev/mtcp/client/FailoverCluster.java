package dev.mtcp.client;

import dev.mtcp.protocol.crypto.GroupKey;
import dev.mtcp.server.Durability;
import dev.mtcp.server.MigratoryApp;
import dev.mtcp.server.MigratoryServer;
import dev.mtcp.server.ServerConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Servers on loopback at fixed ports, every one the others' peer and backup (ack-on-replicate), that
 * a test can crash (as SIGKILL would) and restart at the same address with the same id. Servers
 * listed as {@code plain} are peers with no backup role.
 */
final class FailoverCluster implements AutoCloseable {
    final GroupKey key = GroupKey.generate();
    private final MigratoryApp app;
    private final Map<String, InetSocketAddress> addresses = new LinkedHashMap<>();
    private final Map<String, MigratoryServer> running = new HashMap<>();
    private final Map<String, Map<String, InetSocketAddress>> peerViews = new HashMap<>();
    private final List<String> plain;
    private final Durability durability;

    FailoverCluster(int n, MigratoryApp app) throws IOException {
        this(n, app, List.of(), Durability.ACK_ON_REPLICATE);
    }

    FailoverCluster(int n, MigratoryApp app, List<String> plain, Durability durability) throws IOException {
        this.app = app;
        this.plain = List.copyOf(plain);
        this.durability = durability;
        for (int i = 1; i <= n; i++) addresses.put("s" + i, freePort());
        for (String id : addresses.keySet()) {
            Map<String, InetSocketAddress> view = new HashMap<>(addresses);
            view.remove(id);
            peerViews.put(id, view);
        }
    }

    /** Makes {@code id} reach {@code peer} at {@code via} (a relay) instead of its real address. */
    void routePeer(String id, String peer, InetSocketAddress via) {
        peerViews.get(id).put(peer, via);
    }

    void startAll() throws IOException {
        for (String id : addresses.keySet()) start(id);
    }

    MigratoryServer start(String id) throws IOException {
        Map<String, InetSocketAddress> peers = peerViews.get(id);
        List<String> backups = plain.contains(id) ? List.of()
                : peers.keySet().stream().filter(p -> !plain.contains(p)).sorted().toList();
        UnaryOperator<ServerConfig> cfg = c -> c.withPeers(peers)
                .withBackups(backups, backups.isEmpty() ? Durability.ACK_ON_RECEIVE : durability)
                .withDetachedLinger(Duration.ofSeconds(10));
        ServerConfig config = cfg.apply(ServerConfig.of(id, addresses.get(id), key));
        long deadline = System.nanoTime() + 3_000_000_000L;
        while (true) {
            try {
                MigratoryServer s = MigratoryServer.start(config, app);
                running.put(id, s);
                return s;
            } catch (java.net.BindException e) {
                // a crashed listener's port is released once its blocked accept thread has let go of it
                if (System.nanoTime() > deadline) throw e;
                java.util.concurrent.locks.LockSupport.parkNanos(10_000_000L);
            }
        }
    }

    MigratoryServer server(String id) {
        return running.get(id);
    }

    boolean isRunning(String id) {
        return running.containsKey(id);
    }

    /** Crashes {@code id}: every socket reset at once, no goodbye to anyone. */
    void crash(String id) {
        MigratoryServer s = running.remove(id);
        if (s != null) s.crash();
    }

    InetSocketAddress address(String id) {
        return addresses.get(id);
    }

    List<String> ids() {
        return List.copyOf(addresses.keySet());
    }

    /** True when every running server replicates to every other running server that should be its backup. */
    boolean replicationReady() {
        for (Map.Entry<String, MigratoryServer> e : running.entrySet()) {
            if (plain.contains(e.getKey())) continue;
            for (String other : running.keySet()) {
                if (other.equals(e.getKey()) || plain.contains(other)) continue;
                if (!e.getValue().liveBackups().contains(other)) return false;
            }
        }
        return true;
    }

    void awaitReplicationReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!replicationReady()) {
            if (System.nanoTime() > deadline) throw new AssertionError("replication channels not up within " + timeout);
            java.util.concurrent.locks.LockSupport.parkNanos(5_000_000L);   // polling the condition, bounded by the deadline
        }
    }

    List<ServiceEndpoint> endpoints() {
        List<ServiceEndpoint> out = new ArrayList<>();
        addresses.forEach((id, a) -> out.add(new ServiceEndpoint(id, a)));
        return out;
    }

    ClientConfig clientConfig() {
        return ClientConfig.of("test", endpoints());
    }

    /**
     * A free port below the kernel's ephemeral range: a crashed server restarts on the same port, and
     * an ephemeral port could meanwhile have been taken by an outgoing connection.
     */
    private static InetSocketAddress freePort() throws IOException {
        java.util.SplittableRandom rnd = new java.util.SplittableRandom();
        for (int attempt = 0; attempt < 200; attempt++) {
            int port = 20_000 + rnd.nextInt(12_000);
            try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                return new InetSocketAddress("127.0.0.1", s.getLocalPort());
            } catch (IOException taken) {
                // try another
            }
        }
        throw new IOException("no free port found in 20000-31999");
    }

    @Override
    public void close() {
        running.values().forEach(MigratoryServer::close);
        running.clear();
    }
}
