package dev.mtcp.harness.qos;

import dev.mtcp.client.ClientConfig;
import dev.mtcp.client.MigratorySocket;
import dev.mtcp.client.ServiceEndpoint;
import dev.mtcp.client.qos.QosMigration;
import dev.mtcp.client.qos.QosMonitoredSocket;
import dev.mtcp.client.qos.QosMonitoredSockets;
import dev.mtcp.protocol.crypto.GroupKey;
import dev.mtcp.qos.policy.PolicyParser;
import dev.mtcp.server.MigratoryServer;
import dev.mtcp.server.ServerConfig;
import dev.mtcp.server.apps.EchoApp;
import dev.mtcp.server.apps.StreamSequence;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The processes of {@link QosNamespaceIT}, run inside testbed namespaces (a JVM cannot put its
 * sockets into another namespace). Talks to the test over stdout lines:
 * <pre>
 * server ID HOST PORT KEYFILE [PEER_ID=HOST:PORT ...]   -> READY, then serves the echo app until killed
 * client POLICYFILE ID=HOST:PORT ...                    -> STARTED, then RESULT key=value ...
 * </pre>
 * The client echoes a deterministic sequence (upstream-heavy, so the client's own segments cross the
 * lossy link and its TCP_INFO counts the retransmissions), waits for the policy to move the
 * connection, then half-closes and checks every echoed byte.
 */
public final class QosNamespaceMain {
    private static final long SEED = 5;
    private static final int CHUNK = 16 * 1024;

    private QosNamespaceMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length >= 4 && args[0].equals("server")) {
            server(args);
        } else if (args.length >= 3 && args[0].equals("client")) {
            client(args);
        } else {
            System.err.println("usage: server ID HOST PORT KEYFILE [PEER=HOST:PORT ...] | client POLICYFILE ID=HOST:PORT ...");
            System.exit(2);
        }
    }

    private static void server(String[] args) throws Exception {
        Map<String, InetSocketAddress> peers = new HashMap<>();
        for (int i = 5; i < args.length; i++) {
            ServiceEndpoint p = ServiceEndpoint.parse(args[i]);
            peers.put(p.id(), p.address());
        }
        ServerConfig cfg = ServerConfig.of(args[1], new InetSocketAddress(args[2], Integer.parseInt(args[3])),
                GroupKey.read(Path.of(args[4]))).withPeers(peers);
        MigratoryServer server = MigratoryServer.start(cfg, new EchoApp());
        System.out.println("READY");
        System.out.flush();
        new CountDownLatch(1).await();   // serves until the testbed stops this process
        server.close();
    }

    private static void client(String[] args) throws Exception {
        List<ServiceEndpoint> endpoints = new ArrayList<>();
        for (int i = 2; i < args.length; i++) {
            endpoints.add(ServiceEndpoint.parse(args[i]));
        }
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        try (QosMonitoredSocket q = QosMonitoredSockets.connect(
                // a small send window keeps the state that crosses the degraded origin's link small, so the
                // MIGRATE handshake (2 s timeout while the target fetches STATE) has room on a loaded box
                ClientConfig.of("echo", endpoints).withSendWindowBytes(64 * 1024),
                PolicyParser.parse(Path.of(args[1])), scheduler)) {
            MigratorySocket s = q.socket();
            AtomicBoolean stop = new AtomicBoolean();
            AtomicLong written = new AtomicLong();
            CompletableFuture<Long> echoed = readEcho(s.getInputStream());
            Thread writer = Thread.ofVirtual().start(() -> write(s, stop, written));
            System.out.println("STARTED server=" + s.status().server());
            System.out.flush();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(40);
            while (System.nanoTime() < deadline && (q.migrations().isEmpty() || s.status().migrations() < 1)) {
                TimeUnit.MILLISECONDS.sleep(50);
            }
            TimeUnit.MILLISECONDS.sleep(500);   // some traffic on the new server before the half-close
            // Where the connection is now, read before the half-close: once the echo ends it is closed.
            String serverAfterMove = s.status().server();
            stop.set(true);
            writer.join(TimeUnit.SECONDS.toMillis(30));
            long got = echoed.get(60, TimeUnit.SECONDS);
            report(q, serverAfterMove, got, written.get());
        } finally {
            scheduler.shutdownNow();
        }
        System.exit(0);
    }

    private static void report(QosMonitoredSocket q, String server, long echoedBytes, long writtenBytes) {
        StringBuilder line = new StringBuilder("RESULT");
        line.append(" server=").append(server);
        line.append(" migrations=").append(q.socket().status().migrations());
        line.append(" written=").append(writtenBytes).append(" echoed=").append(echoedBytes);
        if (q.migrations().isEmpty()) {
            line.append(" migrated=false last=").append(q.lastDecision().detail().replace(' ', '_'));
        } else {
            QosMigration m = q.migrations().getFirst();
            line.append(" migrated=true from=").append(m.fromServer()).append(" to=").append(m.toServer());
            line.append(" retrans=").append(m.metrics().retransInWindow());
            line.append(" segments=").append(m.metrics().segmentsInWindow());
            line.append(" rate=").append(m.metrics().retransRate().orElse(-1));
            line.append(" reason=").append(m.reason().replace(' ', '_'));
        }
        System.out.println(line);
        System.out.flush();
    }

    private static void write(MigratorySocket s, AtomicBoolean stop, AtomicLong written) {
        byte[] chunk = new byte[CHUNK];
        try {
            OutputStream out = s.getOutputStream();
            while (!stop.get()) {
                StreamSequence.fill(SEED, written.get(), chunk, 0, CHUNK);
                out.write(chunk);
                written.addAndGet(CHUNK);
            }
            out.flush();
            s.shutdownOutput();
        } catch (IOException e) {
            System.err.println("writer failed: " + e);
        }
    }

    private static CompletableFuture<Long> readEcho(InputStream in) {
        CompletableFuture<Long> done = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            byte[] got = new byte[64 * 1024];
            byte[] expected = new byte[got.length];
            long pos = 0;
            try {
                for (int n = in.read(got); n >= 0; n = in.read(got)) {
                    StreamSequence.fill(SEED, pos, expected, 0, n);
                    if (!Arrays.equals(got, 0, n, expected, 0, n)) {
                        throw new IOException("wrong echoed byte at offset " + (pos + Arrays.mismatch(got, 0, n, expected, 0, n)));
                    }
                    pos += n;
                }
                done.complete(pos);
            } catch (IOException e) {
                done.completeExceptionally(e);
            }
        });
        return done;
    }
}
