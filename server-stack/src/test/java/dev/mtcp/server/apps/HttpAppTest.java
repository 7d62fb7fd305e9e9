package dev.mtcp.server.apps;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mtcp.protocol.crypto.GroupKey;
import dev.mtcp.protocol.frame.Welcome;
import dev.mtcp.server.MigratoryServer;
import dev.mtcp.server.ServerConfig;
import dev.mtcp.server.ScriptedClientAccess;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The HTTP app through real servers, spoken to frame by frame. */
@Timeout(30)
class HttpAppTest {
    @TempDir
    Path tmp;
    private Path root;
    private byte[] big;
    private MigratoryServer s1;
    private MigratoryServer s2;
    private ScriptedClientAccess client;

    @BeforeEach
    void start() throws Exception {
        root = Files.createDirectories(tmp.resolve("www"));
        Files.writeString(root.resolve("hello.txt"), "hello, migratory world\n");
        Files.writeString(root.resolve("index.html"), "<h1>mtcp</h1>\n");
        Files.writeString(tmp.resolve("secret.txt"), "do not serve\n");
        big = new byte[3 * 1024 * 1024 + 123];
        new Random(7).nextBytes(big);
        Files.write(root.resolve("big.bin"), big);
        GroupKey key = GroupKey.generate();
        s1 = MigratoryServer.start(ServerConfig.of("s1", new InetSocketAddress("127.0.0.1", 0), key), new HttpApp(root));
        s2 = MigratoryServer.start(ServerConfig.of("s2", new InetSocketAddress("127.0.0.1", 0), key), new HttpApp(root));
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
    void shouldServeFileWhenGetAndKeepConnectionOpen() throws Exception {
        client.send(get("/hello.txt", ""));
        String head = client.readHead();
        assertThat(head).startsWith("HTTP/1.1 200 OK\r\n").contains("Content-Length: 23\r\n", "Connection: keep-alive");
        assertThat(new String(client.readDown(23), StandardCharsets.UTF_8)).isEqualTo("hello, migratory world\n");
        client.send(get("/", ""));
        assertThat(client.readHead()).startsWith("HTTP/1.1 200 OK").contains("text/html");
        assertThat(new String(client.readDown(14), StandardCharsets.UTF_8)).isEqualTo("<h1>mtcp</h1>\n");
    }

    @Test
    void shouldAnswerPipelinedRequestsInOrder() throws Exception {
        client.send(concat(get("/hello.txt", ""), get("/missing", ""), get("/hello.txt", "Range: bytes=0-4\r\n")));
        assertThat(client.readHead()).startsWith("HTTP/1.1 200");
        client.readDown(23);
        String notFound = client.readHead();
        assertThat(notFound).startsWith("HTTP/1.1 404 Not Found");
        client.readDown(contentLength(notFound));
        assertThat(client.readHead()).startsWith("HTTP/1.1 206");
        assertThat(new String(client.readDown(5), StandardCharsets.UTF_8)).isEqualTo("hello");
    }

    @Test
    void shouldServeRangesWhenAsked() throws Exception {
        client.send(get("/hello.txt", "Range: bytes=7-15\r\n"));
        String head = client.readHead();
        assertThat(head).startsWith("HTTP/1.1 206 Partial Content").contains("Content-Range: bytes 7-15/23", "Content-Length: 9");
        assertThat(new String(client.readDown(9), StandardCharsets.UTF_8)).isEqualTo("migratory");
        client.send(get("/hello.txt", "Range: bytes=-6\r\n"));
        assertThat(client.readHead()).contains("Content-Range: bytes 17-22/23");
        assertThat(new String(client.readDown(6), StandardCharsets.UTF_8)).isEqualTo("world\n");
        client.send(get("/hello.txt", "Range: bytes=100-\r\n"));
        assertThat(client.readHead()).startsWith("HTTP/1.1 416").contains("Content-Range: bytes */23");
    }

    @Test
    void shouldSendHeadersOnlyWhenHead() throws Exception {
        client.send(("HEAD /big.bin HTTP/1.1\r\nHost: x\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        String head = client.readHead();
        assertThat(head).startsWith("HTTP/1.1 200").contains("Content-Length: " + big.length);
        client.send(get("/hello.txt", ""));
        assertThat(client.readHead()).startsWith("HTTP/1.1 200");   // no body bytes came in between
        assertThat(new String(client.readDown(23), StandardCharsets.UTF_8)).startsWith("hello");
    }

    @Test
    void shouldRefusePathTraversal() throws Exception {
        for (String target : new String[] {"/../secret.txt", "/%2e%2e/secret.txt", "/a/../../secret.txt"}) {
            client.send(get(target, ""));
            String head = client.readHead();
            assertThat(head).as(target).startsWith("HTTP/1.1 403 Forbidden");
            assertThat(new String(client.readDown(contentLength(head)), StandardCharsets.UTF_8)).doesNotContain("do not serve");
        }
    }

    @Test
    void shouldAnswerBadRequestAndCloseWhenRequestIsMalformed() throws Exception {
        client.send("NONSENSE\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        String head = client.readHead();
        assertThat(head).startsWith("HTTP/1.1 400 Bad Request").contains("Connection: close");
        client.readDown(contentLength(head));
        assertThat(client.readDown(1)).isEmpty();
        assertThat(client.finReceived()).isTrue();
    }

    @Test
    void shouldAnswerBadRequestWhenHttp11HasNoHost() throws Exception {
        client.send("GET /hello.txt HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        assertThat(client.readHead()).startsWith("HTTP/1.1 400");
    }

    @Test
    void shouldFinishDownloadExactlyWhenMigratedMidBody() throws Exception {
        client.send(get("/big.bin", ""));
        String head = client.readHead();
        assertThat(contentLength(head)).isEqualTo(big.length);
        byte[] first = client.readDown(700_000);
        assertThat(client.migrate(s2.address())).isInstanceOf(Welcome.class);
        byte[] second = client.readDown(1_000_000);
        assertThat(client.migrate(s1.address())).isInstanceOf(Welcome.class);
        byte[] rest = client.readDown(big.length - first.length - second.length);
        assertThat(concat(first, second, rest)).isEqualTo(big);
        client.send(get("/hello.txt", ""));
        assertThat(client.readHead()).startsWith("HTTP/1.1 200");
        assertThat(s1.stats().migrationsOut()).isEqualTo(1);
        assertThat(s2.stats().migrationsOut()).isEqualTo(1);
    }

    private static byte[] get(String target, String extra) {
        return ("GET " + target + " HTTP/1.1\r\nHost: test\r\n" + extra + "\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    private static int contentLength(String head) {
        Matcher m = Pattern.compile("Content-Length: (\\d+)").matcher(head);
        assertThat(m.find()).isTrue();
        return Integer.parseInt(m.group(1));
    }

    private static byte[] concat(byte[]... parts) {
        byte[] out = new byte[Arrays.stream(parts).mapToInt(p -> p.length).sum()];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }
}
