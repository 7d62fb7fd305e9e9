package dev.mtcp.client.transparent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.mtcp.client.config.ServerEntry;
import dev.mtcp.client.config.ServiceConfig;
import dev.mtcp.client.config.ServiceDirectory;
import dev.mtcp.client.relay.ProxySession;
import dev.mtcp.client.relay.TcpConnector;
import dev.mtcp.client.testing.BytesHttpServer;
import dev.mtcp.client.testing.CurlRunner;
import dev.mtcp.client.testing.RecordingProxyListener;
import dev.mtcp.client.testing.Streams;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Transparent mode in a network namespace (root): a server on 10.203.0.1 inside the namespace, the
 * proxy's listener inside it, the REDIRECT rule installed there by {@link RedirectRules}; an unchanged
 * curl (running as user 65534, so the rule's exemption of the proxy's user 0 does not apply to it)
 * connects to the server's real address and ends up at the proxy, which reads the original destination
 * and relays to the service.
 */
@Timeout(90)
class TransparentProxyIT {

    private static final String SERVER_IP = "10.203.0.1";
    private static final Duration WAIT = Duration.ofSeconds(15);

    @TempDir
    Path tmp;

    @BeforeAll
    static void prerequisites() {
        String why = NetworkNamespace.unavailableReason();
        assumeTrue(why == null, () -> "SKIPPED transparent-mode namespace test: " + why);
        assumeTrue(CurlRunner.curlAvailable(), "SKIPPED: curl is not installed (apt-get install curl)");
    }

    private record Setup(NetworkNamespace ns, BytesHttpServer http, TransparentProxy proxy,
                         RecordingProxyListener events) implements AutoCloseable {
        @Override
        public void close() throws Exception {
            try {
                proxy.close();
                http.close();
            } finally {
                ns.close();
            }
        }
    }

    private static Setup start(byte[] body) throws Exception {
        NetworkNamespace ns = NetworkNamespace.create();
        BytesHttpServer http = null;
        try {
            ns.exec("ip", "addr", "add", SERVER_IP + "/32", "dev", "lo");
            InetAddress serverIp = InetAddress.getByName(SERVER_IP);
            http = ns.inside(() -> BytesHttpServer.start(serverIp, body));
            ServiceConfig web = new ServiceConfig("web", List.of(new ServerEntry("s1", SERVER_IP, http.port())));
            TcpConnector upstreamInNamespace = new TcpConnector(Duration.ofSeconds(5),
                    () -> ns.insideIo(() -> SocketChannel.open(StandardProtocolFamily.INET)).socket());
            NetworkContext network = new NetworkContext(
                    family -> ns.insideIo(() -> ServerSocketChannel.open(family)),
                    ns.commands());
            TransparentSettings settings = new TransparentSettings(new InetSocketAddress("127.0.0.1", 0), true,
                    OptionalInt.of(TransparentSettings.currentUid()), 16);
            RecordingProxyListener events = new RecordingProxyListener();
            TransparentProxy proxy = TransparentProxy.start(settings, new ServiceDirectory(List.of(web)),
                    upstreamInNamespace, events, network);
            return new Setup(ns, http, proxy, events);
        } catch (Exception | Error e) {
            if (http != null) {
                http.close();
            }
            ns.close();
            throw e;
        }
    }

    @Test
    void shouldRedirectCurlToProxyWhenItConnectsToServerRealAddress() throws Exception {
        byte[] body = new byte[4 * 1024 * 1024];
        new SplittableRandom(11).nextBytes(body);
        Path out = tmp.resolve("download");
        int serverPort;
        String nsName;
        int proxyPort;
        try (Setup s = start(body)) {
            nsName = s.ns().name();
            serverPort = s.http().port();
            proxyPort = s.proxy().address().getPort();
            assertThat(s.ns().exec("iptables", "-t", "nat", "-S", "OUTPUT"))
                    .contains("-d " + SERVER_IP + "/32", "--dport " + serverPort, "--to-ports " + proxyPort,
                            "mtcp-proxy-" + proxyPort);
            CurlRunner.Result r = CurlRunner.runToFile(List.of("ip", "netns", "exec", nsName,
                    "setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
                    "curl", "-sS", "--max-time", "30", "http://" + SERVER_IP + ":" + serverPort + "/file"),
                    Duration.ofSeconds(40), out);
            assertThat(r.exitCode()).as(r.stderr()).isZero();
            assertThat(Streams.sha256Hex(Files.readAllBytes(out))).isEqualTo(Streams.sha256Hex(body));
            ProxySession session = s.events().awaitRelaying(WAIT);
            assertThat(session.destination()).isEqualTo(SERVER_IP + ":" + serverPort);
            assertThat(session.service()).contains("web");
            assertThat(s.events().awaitClosed(WAIT).session().bytesDown()).isGreaterThanOrEqualTo(body.length);
            s.proxy().close();
            assertThat(s.ns().exec("iptables", "-t", "nat", "-S", "OUTPUT")).doesNotContain("mtcp-proxy-");
        }
        assertThat(Path.of("/var/run/netns", nsName)).doesNotExist();
    }

    @Test
    void shouldRefuseConnectionWhenItWasNotRedirected() throws Exception {
        try (Setup s = start(new byte[16])) {
            InetSocketAddress proxy = new InetSocketAddress("127.0.0.1", s.proxy().address().getPort());
            try (SocketChannel direct = s.ns().inside(() -> SocketChannel.open(StandardProtocolFamily.INET))) {
                direct.connect(proxy);
                String reason = s.events().awaitRefusal(WAIT);
                assertThat(reason).containsAnyOf("not redirected", "no original destination");
                assertThat(direct.read(java.nio.ByteBuffer.allocate(1))).isEqualTo(-1);
            }
        }
    }
}
