package dev.mtcp.client.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mtcp.client.ClientConfig;
import dev.mtcp.client.ConnectionStatus;
import dev.mtcp.client.ServiceEndpoint;
import dev.mtcp.protocol.crypto.GroupKey;
import dev.mtcp.server.MigratoryApp;
import dev.mtcp.server.MigratoryServer;
import dev.mtcp.server.ServerConfig;
import dev.mtcp.server.apps.EchoApp;
import dev.mtcp.server.apps.HttpApp;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Plain TCP clients (a socket, the JDK HTTP client) through the proxy while connections migrate. */
@Timeout(60)
class ForwardProxyTest {
    private final List<MigratoryServer> servers = new ArrayList<>();
    private ForwardProxy proxy;

    @TempDir
    Path tmp;

    private ClientConfig startServers(MigratoryApp app) throws IOException {
        GroupKey key = GroupKey.generate();
        for (int i = 1; i <= 3; i++) {
            servers.add(MigratoryServer.start(ServerConfig.of("s" + i, new InetSocketAddress("127.0.0.1", 0), key), app));
        }
        for (MigratoryServer a : servers) for (MigratoryServer b : servers) a.addPeer(b.id(), b.address());
        return ClientConfig.of("test", servers.stream().map(s -> new ServiceEndpoint(s.id(), s.address())).toList());
    }

    @AfterEach
    void stop() {
        if (proxy != null) proxy.close();
        servers.forEach(MigratoryServer::close);
    }

    @Test
    void shouldRelayBothWaysExactlyWhenAllConnectionsMigrateRepeatedly() throws Exception {
        proxy = ForwardProxy.start(new InetSocketAddress("127.0.0.1", 0), startServers(new EchoApp()));
        try (Socket plain = new Socket()) {
            plain.connect(proxy.address());
            byte[] data = new byte[16 * 1024 * 1024];
            new Random(3).nextBytes(data);
            CompletableFuture<byte[]> received = CompletableFuture.supplyAsync(() -> readAll(plain));
            OutputStream out = plain.getOutputStream();
            for (int i = 0; i < data.length; i += 1 << 20) {
                out.write(data, i, 1 << 20);
                if (i % (4 << 20) == 0) proxy.migrate("all", Optional.empty()).get(5, TimeUnit.SECONDS);
            }
            plain.shutdownOutput();
            byte[] got = received.get(30, TimeUnit.SECONDS);
            assertThat(sha(got)).isEqualTo(sha(data));
        }
        waitUntilNoConnections();
    }

    @Test
    void shouldListAndMigrateConnectionsById() throws Exception {
        proxy = ForwardProxy.start(new InetSocketAddress("127.0.0.1", 0), startServers(new EchoApp()));
        try (Socket a = new Socket(); Socket b = new Socket()) {
            a.connect(proxy.address());
            b.connect(proxy.address());
            echoOnce(a);
            echoOnce(b);
            List<ConnectionStatus> conns = proxy.connections();
            assertThat(conns).hasSize(2).allSatisfy(c -> {
                assertThat(c.server()).isEqualTo("s1");
                assertThat(c.state()).isEqualTo("OPEN");
                assertThat(c.bytesUp()).isEqualTo(1);
                assertThat(c.bytesDown()).isEqualTo(1);
            });
            String id = conns.getFirst().id();
            assertThat(proxy.migrate(id, Optional.of("s3")).get(5, TimeUnit.SECONDS)).hasSize(1);
            assertThat(proxy.connections()).filteredOn(c -> c.id().equals(id)).singleElement()
                    .satisfies(c -> {
                        assertThat(c.server()).isEqualTo("s3");
                        assertThat(c.epoch()).isEqualTo(2);
                        assertThat(c.migrations()).isEqualTo(1);
                    });
            echoOnce(a);
            echoOnce(b);
            assertThatThrownBy(() -> proxy.migrate("00ff", Optional.empty()).get(5, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(NoSuchElementException.class);
        }
    }

    @Test
    void shouldDownloadFileExactlyWithHttpClientWhileMigrating() throws Exception {
        Path root = Files.createDirectories(tmp.resolve("www"));
        byte[] file = new byte[24 * 1024 * 1024];
        new Random(11).nextBytes(file);
        Files.write(root.resolve("big.bin"), file);
        proxy = ForwardProxy.start(new InetSocketAddress("127.0.0.1", 0), startServers(new HttpApp(root)));
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
        URI uri = URI.create("http://127.0.0.1:" + proxy.address().getPort() + "/big.bin");
        CompletableFuture<HttpResponse<InputStream>> resp = http.sendAsync(HttpRequest.newBuilder(uri).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        InputStream body = resp.get(10, TimeUnit.SECONDS).body();
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        byte[] buf = new byte[256 * 1024];
        long total = 0;
        int n;
        int migrations = 0;
        while ((n = body.read(buf)) >= 0) {
            sha.update(buf, 0, n);
            total += n;
            if (total > (migrations + 1) * 2L * 1024 * 1024 && migrations < 8) {
                proxy.migrate("all", Optional.empty()).get(5, TimeUnit.SECONDS);
                migrations++;
            }
        }
        assertThat(total).isEqualTo(file.length);
        assertThat(sha.digest()).isEqualTo(sha(file));
        assertThat(migrations).isEqualTo(8);
        assertThat(resp.get().statusCode()).isEqualTo(200);
    }

    @Test
    void shouldResetPlainClientWhenNoServerIsLeft() throws Exception {
        ClientConfig cfg = startServers(new EchoApp()).withTimeouts(Duration.ofSeconds(3), Duration.ofSeconds(1), Duration.ofMillis(500));
        proxy = ForwardProxy.start(new InetSocketAddress("127.0.0.1", 0), cfg);
        try (Socket plain = new Socket()) {
            plain.connect(proxy.address());
            echoOnce(plain);
            servers.forEach(MigratoryServer::close);
            plain.setSoTimeout(10_000);
            assertThatThrownBy(() -> plain.getInputStream().read()).isInstanceOf(IOException.class);
        }
    }

    private void waitUntilNoConnections() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!proxy.connections().isEmpty()) {
            if (System.nanoTime() > deadline) throw new AssertionError("connections still open: " + proxy.connections());
            Thread.onSpinWait();
            Thread.yield();
        }
    }

    private static void echoOnce(Socket s) throws IOException {
        s.getOutputStream().write(42);
        assertThat(s.getInputStream().read()).isEqualTo(42);
    }

    private static byte[] readAll(Socket s) {
        try {
            return s.getInputStream().readAllBytes();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static byte[] sha(byte[] b) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(b);
    }
}
