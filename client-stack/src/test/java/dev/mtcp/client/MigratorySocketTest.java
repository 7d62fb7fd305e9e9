package dev.mtcp.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mtcp.server.apps.EchoApp;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class MigratorySocketTest {

    @Test
    void shouldEchoAcrossMigrationsWhenMovedBetweenServers() throws Exception {
        try (TestCluster cluster = new TestCluster(3, new EchoApp());
             MigratorySocket s = MigratorySocket.connect(cluster.clientConfig())) {
            OutputStream out = s.getOutputStream();
            InputStream in = s.getInputStream();
            assertThat(roundTrip(out, in, "hello")).isEqualTo("hello");
            assertThat(s.status().server()).isEqualTo("s1");

            MigrationEvent e = s.migrate("s2", "test").get(5, TimeUnit.SECONDS);
            assertThat(e.toServer()).isEqualTo("s2");
            assertThat(e.fromServer()).isEqualTo("s1");
            assertThat(roundTrip(out, in, "after one")).isEqualTo("after one");

            s.migrate("s3", "test").get(5, TimeUnit.SECONDS);
            s.migrate("s1", "back").get(5, TimeUnit.SECONDS);
            assertThat(roundTrip(out, in, "back home")).isEqualTo("back home");
            assertThat(s.status().migrations()).isEqualTo(3);
            assertThat(s.status().epoch()).isEqualTo(4);
            assertThat(s.status().server()).isEqualTo("s1");
            assertThat(cluster.server("s1").stats().migrationsOut()).isEqualTo(1);
            assertThat(cluster.server("s1").stats().migrationsIn()).isEqualTo(1);
        }
    }

    private static String roundTrip(OutputStream out, InputStream in, String text) throws Exception {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        out.write(b);
        byte[] got = in.readNBytes(b.length);
        return new String(got, StandardCharsets.UTF_8);
    }
}
