package dev.mtcp.client.socks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.mtcp.client.config.ServerEntry;
import dev.mtcp.client.config.ServiceConfig;
import dev.mtcp.client.config.ServiceDirectory;
import dev.mtcp.client.config.SocksUser;
import dev.mtcp.client.relay.TcpConnector;
import dev.mtcp.client.testing.EchoServer;
import dev.mtcp.client.testing.RecordingProxyListener;
import dev.mtcp.client.testing.Streams;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class Socks5ServerTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    private EchoServer echo;
    private EchoServer other;
    private RecordingProxyListener events;

    @BeforeEach
    void startUpstreams() throws IOException {
        echo = EchoServer.start(LOOPBACK);
        other = EchoServer.start(LOOPBACK);
        events = new RecordingProxyListener();
    }

    @AfterEach
    void stopUpstreams() throws IOException {
        echo.close();
        other.close();
    }

    private Socks5Server start(List<SocksUser> users, boolean passthrough, Duration handshakeTimeout,
                               List<ServiceConfig> services) throws IOException {
        Socks5Settings settings = new Socks5Settings(new InetSocketAddress(LOOPBACK, 0), users, passthrough,
                handshakeTimeout, 64);
        TcpConnector tcp = new TcpConnector(Duration.ofSeconds(5));
        return Socks5Server.start(settings, new ServiceDirectory(services), tcp, tcp, events);
    }

    private Socks5Server start(List<SocksUser> users, boolean passthrough) throws IOException {
        return start(users, passthrough, Duration.ofSeconds(10), List.of(video()));
    }

    private ServiceConfig video() {
        return new ServiceConfig("video", List.of(new ServerEntry("s1", "127.0.0.1", echo.port())));
    }

    private static void assertEchoes(SocksTestClient c, String text) throws IOException {
        byte[] msg = text.getBytes(StandardCharsets.UTF_8);
        c.send(msg);
        assertThat(c.in.readNBytes(msg.length)).isEqualTo(msg);
    }

    @Test
    void shouldRelayToServiceWhenDomainNameIsServiceName() throws Exception {
        try (Socks5Server socks = start(List.of(), false); SocksTestClient c = new SocksTestClient(socks.address())) {
            assertThat(c.greet(0x00)).isZero();
            assertThat(c.connectDomain("video", 80)).isEqualTo(ReplyCode.SUCCEEDED);
            assertEchoes(c, "hello through socks");
            assertThat(events.awaitRelaying(WAIT).service()).contains("video");
        }
    }

    @Test
    void shouldMatchServiceWhenIpv4ServerAddressRequested() throws Exception {
        try (Socks5Server socks = start(List.of(), false); SocksTestClient c = new SocksTestClient(socks.address())) {
            assertThat(c.greet(0x00)).isZero();
            assertThat(c.connectAddress(InetAddress.getByName("127.0.0.1"), echo.port())).isEqualTo(ReplyCode.SUCCEEDED);
            assertEchoes(c, "by address");
            assertThat(events.awaitRelaying(WAIT).service()).contains("video");
        }
    }

    @Test
    void shouldMatchServiceWhenIpv6ServerAddressRequested() throws Exception {
        InetAddress v6 = InetAddress.getByName("::1");
        try (EchoServer echo6 = EchoServer.start(v6);
             Socks5Server socks = start(List.of(), false, Duration.ofSeconds(10),
                     List.of(new ServiceConfig("v6", List.of(new ServerEntry("s1", "::1", echo6.port())))));
             SocksTestClient c = new SocksTestClient(socks.address())) {
            assertThat(c.greet(0x00)).isZero();
            assertThat(c.connectAddress(v6, echo6.port())).isEqualTo(ReplyCode.SUCCEEDED);
            assertEchoes(c, "over ipv6");
            assertThat(events.awaitRelaying(WAIT).service()).contains("v6");
        }
    }

    @Test
    void shouldRefuseWithNotAllowedWhenDestinationUnknownAndNoPassthrough() throws Exception {
        try (Socks5Server socks = start(List.of(), false); SocksTestClient c = new SocksTestClient(socks.address())) {
            assertThat(c.greet(0x00)).isZero();
            assertThat(c.connectAddress(LOOPBACK, other.port())).isEqualTo(ReplyCode.NOT_ALLOWED);
            assertThat(c.closedByPeer()).isTrue();
            assertThat(events.awaitRefusal(WAIT)).contains("is no configured service", "passthrough is off");
        }
    }

    @Test
    void shouldRelayPlainTcpWhenDestinationUnknownAndPassthroughOn() throws Exception {
        try (Socks5Server socks = start(List.of(), true); SocksTestClient c = new SocksTestClient(socks.address())) {
            assertThat(c.greet(0x00)).isZero();
            assertThat(c.connectAddress(LOOPBACK, other.port())).isEqualTo(ReplyCode.SUCCEEDED);
            assertEchoes(c, "passthrough");
            assertThat(events.awaitRelaying(WAIT).service()).isEmpty();
        }
    }

    @Test
    void shouldReplyConnectionRefusedWhenServiceUnreachable() throws Exception {
        int closedPort;
        try (ServerSocket probe = new ServerSocket(0, 1, LOOPBACK)) {
            closedPort = probe.getLocalPort();
        }
        ServiceConfig dead = new ServiceConfig("dead", List.of(new ServerEntry("s1", "127.0.0.1", closedPort)));
        try (Socks5Server socks = start(List.of(), false, Duration.ofSeconds(10), List.of(dead));
             SocksTestClient c = new SocksTestClient(socks.address())) {
            assertThat(c.greet(0x00)).isZero();
            assertThat(c.connectDomain("dead", 80)).isEqualTo(ReplyCode.CONNECTION_REFUSED);
            assertThat(events.awaitRefusal(WAIT)).contains("cannot reach service dead");
        }
    }

    @Test
    void shouldReplyCommandNotSupportedWhenBindRequested() throws Exception {
        try (Socks5Server socks = start(List.of(), false); SocksTestClient c = new SocksTestClient(socks.address())) {
            assertThat(c.greet(0x00)).isZero();
            assertThat(c.request(0x02, LOOPBACK, echo.port())).isEqualTo(ReplyCode.COMMAND_NOT_SUPPORTED);
            assertThat(c.closedByPeer()).isTrue();
            assertThat(events.awaitRefusal(WAIT)).contains("command 2 (BIND) is not supported");
        }
    }

    @Test
    void shouldReplyAddressTypeNotSupportedWhenTypeUnknown() throws Exception {
        try (Socks5Server socks = start(List.of(), false); SocksTestClient c = new SocksTestClient(socks.address())) {
            assertThat(c.greet(0x00)).isZero();
            c.send(new byte[] {5, 1, 0, 9, 1, 2, 3, 4, 0, 80});
            assertThat(c.readReply()).isEqualTo(ReplyCode.ADDRESS_TYPE_NOT_SUPPORTED);
            assertThat(events.awaitRefusal(WAIT)).contains("address type 9");
        }
    }

    @Test
    void shouldRelayWhenCredentialsAreRight() throws Exception {
        List<SocksUser> users = List.of(new SocksUser("bob", "other"), new SocksUser("alice", "s3cret"));
        try (Socks5Server socks = start(users, false); SocksTestClient c = new SocksTestClient(socks.address())) {
            assertThat(c.greet(0x00, 0x02)).isEqualTo(0x02);
            assertThat(c.authenticate("alice", "s3cret")).isZero();
            assertThat(c.connectDomain("video", 80)).isEqualTo(ReplyCode.SUCCEEDED);
            assertEchoes(c, "authenticated");
        }
    }

    @Test
    void shouldFailAuthenticationAndCloseWhenPasswordWrong() throws Exception {
        try (Socks5Server socks = start(List.of(new SocksUser("alice", "s3cret")), false);
             SocksTestClient c = new SocksTestClient(socks.address())) {
            assertThat(c.greet(0x02)).isEqualTo(0x02);
            assertThat(c.authenticate("alice", "guess")).isNotZero();
            assertThat(c.closedByPeer()).isTrue();
            assertThat(events.awaitRefusal(WAIT)).contains("wrong username or password for user 'alice'");
        }
    }

    @Test
    void shouldAnswerNoAcceptableMethodWhenClientCannotAuthenticate() throws Exception {
        try (Socks5Server socks = start(List.of(new SocksUser("alice", "s3cret")), false);
             SocksTestClient c = new SocksTestClient(socks.address())) {
            assertThat(c.greet(0x00)).isEqualTo(0xFF);
            assertThat(c.closedByPeer()).isTrue();
            assertThat(events.awaitRefusal(WAIT)).contains("requires 02 (username/password)");
        }
    }

    @Test
    void shouldCloseWithReasonWhenGreetingIsSocks4() throws Exception {
        try (Socks5Server socks = start(List.of(), false); SocksTestClient c = new SocksTestClient(socks.address())) {
            c.send(new byte[] {4, 1, 0, 80, 127, 0, 0, 1, 0});
            assertThat(c.closedByPeer()).isTrue();
            assertThat(events.awaitRefusal(WAIT)).contains("version 4, not 5", "SOCKS4");
        }
    }

    @Test
    void shouldCloseWhenGreetingOffersNoMethod() throws Exception {
        try (Socks5Server socks = start(List.of(), false); SocksTestClient c = new SocksTestClient(socks.address())) {
            c.send(new byte[] {5, 0});
            assertThat(c.closedByPeer()).isTrue();
            assertThat(events.awaitRefusal(WAIT)).contains("NMETHODS = 0");
        }
    }

    @Test
    void shouldCloseWhenHandshakeStallsPastTimeout() throws Exception {
        try (Socks5Server socks = start(List.of(), false, Duration.ofMillis(300), List.of(video()));
             SocksTestClient c = new SocksTestClient(socks.address())) {
            c.send(new byte[] {5, 2, 0});
            assertThat(c.closedByPeer()).isTrue();
            assertThat(events.awaitRefusal(WAIT)).contains("no complete greeting within the handshake timeout of 300 ms");
        }
    }

    @Test
    void shouldCloseWhenClientLeavesMidRequest() throws Exception {
        try (Socks5Server socks = start(List.of(), false); SocksTestClient c = new SocksTestClient(socks.address())) {
            assertThat(c.greet(0x00)).isZero();
            c.send(new byte[] {5, 1, 0, 3, 20, 'v', 'i'});
            c.socket.shutdownOutput();
            assertThat(c.closedByPeer()).isTrue();
            assertThat(events.awaitRefusal(WAIT)).contains("client closed the connection in the request");
        }
    }

    @Test
    void shouldHandleHandshakeWhenSentOneByteAtATime() throws Exception {
        byte[] handshake = {5, 1, 0, 5, 1, 0, 3, 5, 'v', 'i', 'd', 'e', 'o', 0, 80};
        try (Socks5Server socks = start(List.of(), false); SocksTestClient c = new SocksTestClient(socks.address())) {
            c.socket.setTcpNoDelay(true);
            for (byte b : handshake) {
                c.send(new byte[] {b});
            }
            assertThat(c.in.readNBytes(2)).containsExactly(5, 0);
            assertThat(c.readReply()).isEqualTo(ReplyCode.SUCCEEDED);
            assertEchoes(c, "fragmented");
        }
    }

    @Test
    void shouldKeepBytesSentRightAfterTheRequest() throws Exception {
        try (Socks5Server socks = start(List.of(), false); SocksTestClient c = new SocksTestClient(socks.address())) {
            c.send(new byte[] {5, 1, 0, 5, 1, 0, 3, 5, 'v', 'i', 'd', 'e', 'o', 0, 80, 'e', 'a', 'r', 'l', 'y'});
            assertThat(c.in.readNBytes(2)).containsExactly(5, 0);
            assertThat(c.readReply()).isEqualTo(ReplyCode.SUCCEEDED);
            assertThat(new String(c.in.readNBytes(5), StandardCharsets.US_ASCII)).isEqualTo("early");
        }
    }

    @Test
    void shouldPropagateHalfCloseInBothDirections() throws Exception {
        CompletableFuture<Long> upstreamReceived = new CompletableFuture<>();
        try (ServerSocket upstream = new ServerSocket(0, 1, LOOPBACK)) {
            Thread.ofVirtual().start(() -> {
                try (Socket s = upstream.accept()) {
                    s.getOutputStream().write("bye".getBytes(StandardCharsets.US_ASCII));
                    s.shutdownOutput();
                    upstreamReceived.complete((long) s.getInputStream().readAllBytes().length);
                } catch (IOException e) {
                    upstreamReceived.completeExceptionally(e);
                }
            });
            ServiceConfig svc = new ServiceConfig("half", List.of(new ServerEntry("s1", "127.0.0.1", upstream.getLocalPort())));
            try (Socks5Server socks = start(List.of(), false, Duration.ofSeconds(10), List.of(svc));
                 SocksTestClient c = new SocksTestClient(socks.address())) {
                assertThat(c.greet(0x00)).isZero();
                assertThat(c.connectDomain("half", 80)).isEqualTo(ReplyCode.SUCCEEDED);
                assertThat(c.in.readAllBytes()).asString(StandardCharsets.US_ASCII).isEqualTo("bye");
                byte[] afterServerHalfClose = new byte[256 * 1024];
                c.send(afterServerHalfClose);
                c.socket.shutdownOutput();
                assertThat(upstreamReceived.get(10, TimeUnit.SECONDS)).isEqualTo(afterServerHalfClose.length);
                assertThat(events.awaitClosed(WAIT).failure()).isEmpty();
            }
        }
    }

    @Test
    void shouldRelayBothDirectionsExactlyWhenLargeTransfers() throws Exception {
        long length = 24L * 1024 * 1024;
        try (Socks5Server socks = start(List.of(), false); SocksTestClient c = new SocksTestClient(socks.address())) {
            assertThat(c.greet(0x00)).isZero();
            assertThat(c.connectDomain("video", 80)).isEqualTo(ReplyCode.SUCCEEDED);
            OutputStream out = c.socket.getOutputStream();
            CompletableFuture<String> sent = CompletableFuture.supplyAsync(() -> {
                try {
                    String sha = Streams.writeRandom(out, length, 42);
                    c.socket.shutdownOutput();
                    return sha;
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }, java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
            InputStream in = c.socket.getInputStream();
            long[] count = new long[1];
            String received = Streams.readAll(in, count);
            assertThat(count[0]).isEqualTo(length);
            assertThat(received).isEqualTo(sent.get(20, TimeUnit.SECONDS));
            RecordingProxyListener.Closed closed = events.awaitClosed(WAIT);
            assertThat(closed.session().bytesUp()).isEqualTo(length);
            assertThat(closed.session().bytesDown()).isEqualTo(length);
        }
    }

    @Test
    void shouldListSessionWhileRelaying() throws Exception {
        try (Socks5Server socks = start(List.of(), false); SocksTestClient c = new SocksTestClient(socks.address())) {
            assertThat(c.greet(0x00)).isZero();
            assertThat(c.connectDomain("VIDEO.", 8080)).isEqualTo(ReplyCode.SUCCEEDED);
            assertEchoes(c, "1234");
            assertThat(socks.sessions()).singleElement().satisfies(s -> {
                assertThat(s.destination()).isEqualTo("VIDEO.:8080");
                assertThat(s.service()).contains("video");
                assertThat(s.bytesUp()).isEqualTo(4);
            });
        }
    }

    @Test
    void shouldCloseRelayingSessionsWhenServerCloses() throws Exception {
        Socks5Server socks = start(List.of(), false);
        try (SocksTestClient c = new SocksTestClient(socks.address())) {
            assertThat(c.greet(0x00)).isZero();
            assertThat(c.connectDomain("video", 80)).isEqualTo(ReplyCode.SUCCEEDED);
            assertEchoes(c, "before close");
            socks.close();
            assertThat(c.closedByPeer()).isTrue();
            assertThat(events.awaitClosed(WAIT).session().bytesUp()).isEqualTo("before close".length());
            assertThat(socks.sessions()).isEmpty();
        } finally {
            socks.close();
        }
    }

    @Test
    void shouldCloseNewConnectionWhenSessionLimitReached() throws Exception {
        Socks5Settings settings = new Socks5Settings(new InetSocketAddress(LOOPBACK, 0), List.of(), false,
                Duration.ofSeconds(10), 1);
        TcpConnector tcp = new TcpConnector(Duration.ofSeconds(5));
        try (Socks5Server socks = Socks5Server.start(settings, new ServiceDirectory(List.of(video())), tcp, tcp, events);
             SocksTestClient first = new SocksTestClient(socks.address())) {
            assertThat(first.greet(0x00)).isZero();
            try (SocksTestClient second = new SocksTestClient(socks.address())) {
                assertThat(second.closedByPeer()).isTrue();
            }
            assertThat(events.awaitRefusal(WAIT)).contains("too many sessions (1)");
            assertThat(first.connectDomain("video", 80)).isEqualTo(ReplyCode.SUCCEEDED);
            assertEchoes(first, "first still works");
        }
    }

    @Test
    void shouldStopReadingUpstreamWhenClientDoesNotRead() throws Exception {
        long total = 256L * 1024 * 1024;
        java.util.concurrent.atomic.AtomicLong written = new java.util.concurrent.atomic.AtomicLong();
        CompletableFuture<String> upstreamDone = new CompletableFuture<>();
        try (ServerSocket upstream = new ServerSocket(0, 1, LOOPBACK)) {
            Thread.ofVirtual().start(() -> {
                try (Socket s = upstream.accept()) {
                    OutputStream out = s.getOutputStream();
                    byte[] chunk = new byte[64 * 1024];
                    java.security.MessageDigest sha = Streams.sha256();
                    java.util.SplittableRandom rnd = new java.util.SplittableRandom(3);
                    for (long sent = 0; sent < total; sent += chunk.length) {
                        rnd.nextBytes(chunk);
                        out.write(chunk);
                        sha.update(chunk);
                        written.addAndGet(chunk.length);
                    }
                    s.shutdownOutput();
                    upstreamDone.complete(java.util.HexFormat.of().formatHex(sha.digest()));
                    s.getInputStream().read();
                } catch (IOException e) {
                    upstreamDone.completeExceptionally(e);
                }
            });
            ServiceConfig svc = new ServiceConfig("bulk", List.of(new ServerEntry("s1", "127.0.0.1", upstream.getLocalPort())));
            try (Socks5Server socks = start(List.of(), false, Duration.ofSeconds(10), List.of(svc));
                 SocksTestClient c = new SocksTestClient(socks.address())) {
                assertThat(c.greet(0x00)).isZero();
                assertThat(c.connectDomain("bulk", 80)).isEqualTo(ReplyCode.SUCCEEDED);
                // the client reads nothing: the writer must stall once kernel buffers and the relay's 64 KiB are full
                assertThat(catchThrowable(() -> upstreamDone.get(2, TimeUnit.SECONDS)))
                        .isInstanceOf(java.util.concurrent.TimeoutException.class);
                assertThat(written.get()).as("bytes the upstream could write while nobody read").isLessThan(64L * 1024 * 1024);
                long[] count = new long[1];
                String received = Streams.readAll(c.socket.getInputStream(), count);
                assertThat(count[0]).isEqualTo(total);
                assertThat(received).isEqualTo(upstreamDone.get(10, TimeUnit.SECONDS));
            }
        }
    }
}
