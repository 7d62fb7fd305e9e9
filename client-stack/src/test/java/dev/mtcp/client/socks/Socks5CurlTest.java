package dev.mtcp.client.socks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.mtcp.client.config.ServerEntry;
import dev.mtcp.client.config.ServiceConfig;
import dev.mtcp.client.config.ServiceDirectory;
import dev.mtcp.client.config.SocksUser;
import dev.mtcp.client.relay.TcpConnector;
import dev.mtcp.client.testing.BytesHttpServer;
import dev.mtcp.client.testing.CurlRunner;
import dev.mtcp.client.testing.RecordingProxyListener;
import dev.mtcp.client.testing.Streams;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The real curl through the SOCKS5 listener ({@code curl --socks5-hostname}), to a plain HTTP server on loopback. */
@Timeout(60)
class Socks5CurlTest {

    private static final Duration CURL_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private static byte[] body;
    private static BytesHttpServer http;

    @TempDir
    Path tmp;

    @BeforeAll
    static void startHttp() throws Exception {
        assumeTrue(CurlRunner.curlAvailable(), "curl is not installed (apt-get install curl): SOCKS5 curl tests skipped");
        body = new byte[8 * 1024 * 1024];
        new SplittableRandom(7).nextBytes(body);
        http = BytesHttpServer.start(LOOPBACK, body);
    }

    @AfterAll
    static void stopHttp() {
        if (http != null) {
            http.close();
        }
    }

    private Socks5Server start(List<SocksUser> users, RecordingProxyListener events) throws Exception {
        ServiceConfig video = new ServiceConfig("video", List.of(new ServerEntry("s1", "127.0.0.1", http.port())));
        TcpConnector tcp = new TcpConnector(Duration.ofSeconds(5));
        Socks5Settings settings = new Socks5Settings(new InetSocketAddress(LOOPBACK, 0), users, false,
                Duration.ofSeconds(10), 64);
        return Socks5Server.start(settings, new ServiceDirectory(List.of(video)), tcp, tcp, events);
    }

    private CurlRunner.Result curl(String proxyOption, String proxy, String url, Path out) throws Exception {
        return CurlRunner.run(List.of("curl", "-sS", "--max-time", "25", proxyOption, proxy, "-o", out.toString(), url),
                CURL_TIMEOUT);
    }

    @Test
    void shouldDownloadExactlyWhenCurlUsesSocks5HostnameWithServiceName() throws Exception {
        RecordingProxyListener events = new RecordingProxyListener();
        try (Socks5Server socks = start(List.of(), events)) {
            Path out = tmp.resolve("file");
            CurlRunner.Result r = curl("--socks5-hostname", "127.0.0.1:" + socks.address().getPort(),
                    "http://video/file", out);
            assertThat(r.exitCode()).as(r.stderr()).isZero();
            assertThat(Streams.sha256Hex(Files.readAllBytes(out))).isEqualTo(Streams.sha256Hex(body));
            assertThat(events.awaitRelaying(WAIT).destination()).isEqualTo("video:80");
        }
    }

    @Test
    void shouldDownloadWhenCurlGivesRightCredentials() throws Exception {
        RecordingProxyListener events = new RecordingProxyListener();
        try (Socks5Server socks = start(List.of(new SocksUser("alice", "s3cret")), events)) {
            Path out = tmp.resolve("file");
            CurlRunner.Result r = curl("-x", "socks5h://alice:s3cret@127.0.0.1:" + socks.address().getPort(),
                    "http://video/file", out);
            assertThat(r.exitCode()).as(r.stderr()).isZero();
            assertThat(Streams.sha256Hex(Files.readAllBytes(out))).isEqualTo(Streams.sha256Hex(body));
        }
    }

    @Test
    void shouldRefuseCurlWhenCredentialsWrong() throws Exception {
        RecordingProxyListener events = new RecordingProxyListener();
        try (Socks5Server socks = start(List.of(new SocksUser("alice", "s3cret")), events)) {
            CurlRunner.Result r = curl("-x", "socks5h://alice:nope@127.0.0.1:" + socks.address().getPort(),
                    "http://video/file", tmp.resolve("file"));
            assertThat(r.exitCode()).isNotZero();
            assertThat(events.awaitRefusal(WAIT)).contains("wrong username or password for user 'alice'");
        }
    }

    @Test
    void shouldRefuseCurlWhenDestinationUnknown() throws Exception {
        RecordingProxyListener events = new RecordingProxyListener();
        try (Socks5Server socks = start(List.of(), events)) {
            CurlRunner.Result r = curl("--socks5-hostname", "127.0.0.1:" + socks.address().getPort(),
                    "http://elsewhere.example/file", tmp.resolve("file"));
            assertThat(r.exitCode()).isNotZero();
            assertThat(r.stderr()).as("curl reports SOCKS reply 2").contains("(2)");
            assertThat(events.awaitRefusal(WAIT)).contains("elsewhere.example:80 is no configured service");
        }
    }
}
