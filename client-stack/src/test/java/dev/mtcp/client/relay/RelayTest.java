package dev.mtcp.client.relay;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(20)
class RelayTest {

    /** Two connected loopback sockets: [0] the near end, [1] the far end. */
    private static Socket[] pair(ServerSocket server) throws IOException {
        Socket near = new Socket(server.getInetAddress(), server.getLocalPort());
        Socket far = server.accept();
        return new Socket[] {near, far};
    }

    @Test
    void shouldCloseServiceSideAndReportFailureWhenClientResets() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 4, InetAddress.getLoopbackAddress())) {
            Socket[] client = pair(server);
            Socket[] service = pair(server);
            Relay relay = new Relay("relay-test", new SocketDuplex(client[1]), new SocketDuplex(service[0]));
            CompletableFuture<Optional<String>> result = CompletableFuture.supplyAsync(() -> {
                try {
                    return relay.run();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            client[0].getOutputStream().write("abc".getBytes());
            InputStream serviceIn = service[1].getInputStream();
            assertThat(serviceIn.readNBytes(3)).containsExactly('a', 'b', 'c');
            client[0].setSoLinger(true, 0);
            client[0].close();  // RST
            assertThat(result.get(10, TimeUnit.SECONDS)).hasValueSatisfying(f -> assertThat(f).startsWith("upstream: "));
            service[1].setSoTimeout(10_000);
            assertThat(serviceIn.read()).as("the service side is closed too").isEqualTo(-1);
            assertThat(relay.bytesUp()).isEqualTo(3);
            service[1].close();
        }
    }

    @Test
    void shouldEndWithoutFailureWhenBothSidesHalfClose() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 4, InetAddress.getLoopbackAddress())) {
            Socket[] client = pair(server);
            Socket[] service = pair(server);
            Relay relay = new Relay("relay-test", new SocketDuplex(client[1]), new SocketDuplex(service[0]));
            CompletableFuture<Optional<String>> result = CompletableFuture.supplyAsync(() -> {
                try {
                    return relay.run();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            client[0].getOutputStream().write("ping".getBytes());
            client[0].shutdownOutput();
            assertThat(service[1].getInputStream().readAllBytes()).containsExactly('p', 'i', 'n', 'g');
            service[1].getOutputStream().write("pong".getBytes());
            service[1].shutdownOutput();
            assertThat(client[0].getInputStream().readAllBytes()).containsExactly('p', 'o', 'n', 'g');
            assertThat(result.get(10, TimeUnit.SECONDS)).isEmpty();
            assertThat(relay.bytesUp()).isEqualTo(4);
            assertThat(relay.bytesDown()).isEqualTo(4);
            client[0].close();
            service[1].close();
        }
    }
}
