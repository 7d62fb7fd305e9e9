package dev.mtcp.server.apps;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mtcp.protocol.crypto.GroupKey;
import dev.mtcp.protocol.frame.Welcome;
import dev.mtcp.server.MigratoryServer;
import dev.mtcp.server.ScriptedClientAccess;
import dev.mtcp.server.ServerConfig;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class StreamAppTest {
    private MigratoryServer s1;
    private MigratoryServer s2;
    private ScriptedClientAccess client;

    @BeforeEach
    void start() throws Exception {
        GroupKey key = GroupKey.generate();
        s1 = MigratoryServer.start(ServerConfig.of("s1", new InetSocketAddress("127.0.0.1", 0), key), new StreamApp());
        s2 = MigratoryServer.start(ServerConfig.of("s2", new InetSocketAddress("127.0.0.1", 0), key), new StreamApp());
        s1.addPeer("s2", s2.address());
        s2.addPeer("s1", s1.address());
        client = ScriptedClientAccess.open(s1.address());
    }

    @AfterEach
    void stop() throws Exception {
        client.close();
        s1.close();
        s2.close();
    }

    @Test
    void shouldGenerateTheDocumentedSequence() {
        byte[] b = new byte[16];
        StreamSequence.fill(0, 0, b, 0, 16);
        // word 0 = splitmix64 finalizer of 0x9E3779B97F4A7C15, word 1 of 2 * 0x9E3779B97F4A7C15
        assertThat(HexFormat.of().formatHex(b)).isEqualTo(String.format("%016x%016x",
                StreamSequence.word(0, 0), StreamSequence.word(0, 1)));
        byte[] whole = new byte[1000];
        StreamSequence.fill(42, 0, whole, 0, 1000);
        byte[] part = new byte[333];
        StreamSequence.fill(42, 501, part, 0, 333);
        assertThat(part).isEqualTo(java.util.Arrays.copyOfRange(whole, 501, 834));
    }

    @Test
    void shouldStreamExactBytesForEachRequestAcrossMigrations() throws Exception {
        long length = 1_500_000;
        client.send(("STREAM " + length + " -7\n").getBytes(StandardCharsets.US_ASCII));
        byte[] a = client.readDown(400_000);
        assertThat(client.migrate(s2.address())).isInstanceOf(Welcome.class);
        byte[] b = client.readDown((int) length - a.length);
        byte[] expected = new byte[(int) length];
        StreamSequence.fill(-7, 0, expected, 0, expected.length);
        MessageDigest got = MessageDigest.getInstance("SHA-256");
        got.update(a);
        got.update(b);
        assertThat(got.digest()).isEqualTo(MessageDigest.getInstance("SHA-256").digest(expected));
        client.send("STREAM 10 1\n".getBytes(StandardCharsets.US_ASCII));
        byte[] small = new byte[10];
        StreamSequence.fill(1, 0, small, 0, 10);
        assertThat(client.readDown(10)).isEqualTo(small);
    }

    @Test
    void shouldAnswerErrAndCloseWhenRequestIsBad() throws Exception {
        client.send("STREAM lots please\n".getBytes(StandardCharsets.US_ASCII));
        byte[] reply = client.readDown(200);
        assertThat(new String(reply, StandardCharsets.US_ASCII)).startsWith("ERR bad request");
        assertThat(client.finReceived()).isTrue();
    }
}
