package dev.mtcp.client.socks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mtcp.client.MigrationEvent;
import dev.mtcp.client.MigrationListener;
import dev.mtcp.client.config.ServiceDirectory;
import dev.mtcp.client.relay.MigratoryConnector;
import dev.mtcp.client.relay.TcpConnector;
import dev.mtcp.client.testing.RecordingProxyListener;
import dev.mtcp.client.testing.ServerGroup;
import dev.mtcp.client.testing.Streams;
import dev.mtcp.server.apps.StreamApp;
import dev.mtcp.server.apps.StreamSequence;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * SOCKS5 in front of real migratory servers: the client asks for service {@code stream} by name, the
 * proxy opens one migratory connection, and the connection moves between three servers during the
 * download; the client sees one exact byte stream.
 */
@Timeout(120)
class Socks5MigrationTest {

    private static final long LENGTH = 48L * 1024 * 1024;
    private static final int MIGRATIONS = 5;
    /** Starting on s1: every move goes to another server, and twice back to one the connection left. */
    private static final List<String> TARGETS = List.of("s2", "s3", "s1", "s2", "s3");

    @Test
    void shouldDeliverExactStreamWhenConnectionMigratesFiveTimesDuringDownload() throws Exception {
        ConcurrentLinkedQueue<MigrationEvent> migrations = new ConcurrentLinkedQueue<>();
        MigrationListener recorder = new MigrationListener() {
            @Override
            public void onMigrated(MigrationEvent e) {
                migrations.add(e);
            }
        };
        MigratoryConnector connector = new MigratoryConnector(UnaryOperator.identity(), List.of(recorder));
        RecordingProxyListener events = new RecordingProxyListener();
        try (ServerGroup group = new ServerGroup(3, new StreamApp());
             Socks5Server socks = Socks5Server.start(
                     new Socks5Settings(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), List.of(), false,
                             Duration.ofSeconds(10), 16),
                     new ServiceDirectory(List.of(group.service("stream"))), connector,
                     new TcpConnector(Duration.ofSeconds(5)), events);
             SocksTestClient c = new SocksTestClient(socks.address())) {
            assertThat(c.greet(0x00)).isZero();
            assertThat(c.connectDomain("stream", 80)).isEqualTo(ReplyCode.SUCCEEDED);
            long seed = 20261129L;
            c.send(("STREAM " + LENGTH + " " + seed + "\n").getBytes(StandardCharsets.US_ASCII));

            List<CompletableFuture<MigrationEvent>> requested = new ArrayList<>();
            MessageDigest got = Streams.sha256();
            MessageDigest want = Streams.sha256();
            InputStream in = c.socket.getInputStream();
            byte[] buf = new byte[64 * 1024];
            byte[] expected = new byte[buf.length];
            long pos = 0;
            int next = 1;
            while (pos < LENGTH) {
                int n = in.read(buf, 0, (int) Math.min(buf.length, LENGTH - pos));
                assertThat(n).as("end of stream at %d of %d", pos, LENGTH).isPositive();
                StreamSequence.fill(seed, pos, expected, 0, n);
                got.update(buf, 0, n);
                want.update(expected, 0, n);
                pos += n;
                if (next <= MIGRATIONS && pos >= next * LENGTH / (MIGRATIONS + 1)) {
                    String target = TARGETS.get(next - 1);
                    requested.addAll(connector.migrate("all", Optional.of(target), "test #" + next));
                    next++;
                }
            }
            for (CompletableFuture<MigrationEvent> f : requested) {
                f.get(30, TimeUnit.SECONDS);
            }
            assertThat(HexFormat.of().formatHex(got.digest())).isEqualTo(HexFormat.of().formatHex(want.digest()));
            assertThat(requested).hasSize(MIGRATIONS);
            assertThat(migrations).hasSize(MIGRATIONS);
            assertThat(migrations).extracting(MigrationEvent::toServer).containsExactlyElementsOf(TARGETS);
            assertThat(migrations).extracting(MigrationEvent::fromServer).containsExactly("s1", "s2", "s3", "s1", "s2");
            assertThat(connector.connections()).singleElement()
                    .satisfies(s -> assertThat(s.migrations()).isEqualTo(MIGRATIONS));

            c.socket.shutdownOutput();
            assertThat(in.read()).as("server closes after the client's half-close").isEqualTo(-1);
            RecordingProxyListener.Closed closed = events.awaitClosed(Duration.ofSeconds(20));
            assertThat(closed.failure()).isEmpty();
            assertThat(closed.session().bytesDown()).isEqualTo(LENGTH);
            assertThat(closed.session().upstream()).hasValueSatisfying(d -> assertThat(d).contains("conn=", "service=stream"));
            assertThat(connector.connections()).isEmpty();
        }
    }
}
