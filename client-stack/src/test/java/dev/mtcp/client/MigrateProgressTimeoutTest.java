package dev.mtcp.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mtcp.protocol.crypto.GroupKey;
import dev.mtcp.server.MigratoryServer;
import dev.mtcp.server.ServerConfig;
import dev.mtcp.server.apps.EchoApp;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The client's MIGRATE wait follows progress: it counts {@code migrateTimeout} from the MIGRATE and
 * again from the moment the origin fences the old carrier (the FETCH arrived, STATE is on its way),
 * so a migration across a slow path between the servers completes instead of being given up.
 */
@Timeout(60)
class MigrateProgressTimeoutTest {

    @Test
    void shouldCompleteAMigrateThatOutlivesTheTimeoutWhenTheOriginFencedInTime() throws Exception {
        GroupKey key = GroupKey.generate();
        try (MigratoryServer s1 = MigratoryServer.start(ServerConfig.of("s1", new InetSocketAddress("127.0.0.1", 0), key), new EchoApp());
             MigratoryServer s2 = MigratoryServer.start(ServerConfig.of("s2", new InetSocketAddress("127.0.0.1", 0), key), new EchoApp());
             DelayingRelay s2ToS1 = new DelayingRelay(s1.address())) {
            s1.addPeer("s2", s2.address());
            s2.addPeer("s1", s2ToS1.address());     // s2 reaches s1 only through the slow path
            ClientConfig base = ClientConfig.of("test", List.of(new ServiceEndpoint("s1", s1.address()),
                    new ServiceEndpoint("s2", s2.address())));
            ClientConfig cfg = base.withTimeouts(Duration.ofSeconds(5), base.pingInterval(), Duration.ofSeconds(20))
                    .withMigrateTimeout(Duration.ofMillis(1500));
            try (MigratorySocket s = MigratorySocket.connect(cfg)) {
                assertThat(echo(s, 1)).isEqualTo(1);
                s.migrate("s2", "open s2's peer channel to s1 while the path is fast").get(10, TimeUnit.SECONDS);
                s.migrate("s1", "back").get(10, TimeUnit.SECONDS);
                assertThat(echo(s, 2)).isEqualTo(2);

                s2ToS1.delayMillis(1000);   // FETCH reaches s1 after 1 s (it fences), STATE reaches s2 after 2 s
                MigrationEvent e = s.migrate("s2", "across the slow path").get(15, TimeUnit.SECONDS);

                assertThat(e.handshake()).as("longer than migrateTimeout: kept alive by the fence").isGreaterThan(Duration.ofMillis(1500));
                assertThat(s.status().server()).isEqualTo("s2");
                assertThat(echo(s, 3)).isEqualTo(3);
            }
        }
    }

    @Test
    void shouldFetchFromASlowButLiveOriginWhenTheMigrationIsNotAFailover() throws Exception {
        GroupKey key = GroupKey.generate();
        InetSocketAddress nobody = new InetSocketAddress("127.0.0.1", 1);   // the backup s3 is down
        try (MigratoryServer s1 = MigratoryServer.start(ServerConfig.of("s1", new InetSocketAddress("127.0.0.1", 0), key)
                     .withPeers(java.util.Map.of("s3", nobody))
                     .withBackups(List.of("s3"), dev.mtcp.server.Durability.ACK_ON_RECEIVE), new EchoApp());
             MigratoryServer s2 = MigratoryServer.start(ServerConfig.of("s2", new InetSocketAddress("127.0.0.1", 0), key), new EchoApp());
             DelayingRelay s2ToS1 = new DelayingRelay(s1.address())) {
            s1.addPeer("s2", s2.address());
            s2.addPeer("s1", s2ToS1.address());
            s2.addPeer("s3", nobody);
            ClientConfig base = ClientConfig.of("test", List.of(new ServiceEndpoint("s1", s1.address()),
                    new ServiceEndpoint("s2", s2.address())));
            ClientConfig cfg = base.withTimeouts(Duration.ofSeconds(5), base.pingInterval(), Duration.ofSeconds(20));
            try (MigratorySocket s = MigratorySocket.connect(cfg)) {
                assertThat(echo(s, 1)).isEqualTo(1);
                s.migrate("s2", "open s2's peer channel to s1 while the path is fast").get(10, TimeUnit.SECONDS);
                s.migrate("s1", "back").get(10, TimeUnit.SECONDS);

                // FETCH and STATE each take 400 ms: longer than the 300 ms a failover gives its origin, and
                // the backup the ticket names cannot answer: only waiting for the live origin works
                s2ToS1.delayMillis(400);
                MigrationEvent e = s.migrate("s2", "operator").get(15, TimeUnit.SECONDS);

                assertThat(e.handshake()).isGreaterThan(Duration.ofMillis(600));
                assertThat(s.status().server()).isEqualTo("s2");
                assertThat(s2.stats().rejectedTotal()).isZero();
                assertThat(echo(s, 3)).isEqualTo(3);
            }
        }
    }

    private static int echo(MigratorySocket s, int b) throws Exception {
        OutputStream out = s.getOutputStream();
        InputStream in = s.getInputStream();
        out.write(b);
        out.flush();
        return in.read();
    }
}
