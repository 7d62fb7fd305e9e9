package dev.mtcp.harness.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class FaultInjectingRelayTest {
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private ServerSocket echoServer;
    private FaultInjectingRelay relay;

    @BeforeEach
    void startEchoBehindRelay() throws IOException {
        echoServer = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        threads.submit(() -> {
            while (true) {
                Socket s = echoServer.accept();
                threads.submit(() -> {
                    try (s) {
                        s.getInputStream().transferTo(s.getOutputStream());
                    }
                    return null;
                });
            }
        });
        relay = FaultInjectingRelay.start("test",
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                (InetSocketAddress) echoServer.getLocalSocketAddress());
    }

    @AfterEach
    void stop() throws IOException {
        relay.close();
        echoServer.close();
        threads.shutdownNow();
    }

    @Test
    void shouldRelayEveryByteInOrderWhenNoFault() throws Exception {
        byte[] sent = new byte[4 * 1024 * 1024];
        new Random(7).nextBytes(sent);
        try (Socket s = new Socket()) {
            s.connect(relay.address());
            Future<byte[]> received = threads.submit(() -> s.getInputStream().readAllBytes());
            s.getOutputStream().write(sent);
            s.shutdownOutput();
            assertThat(Arrays.equals(received.get(20, TimeUnit.SECONDS), sent)).isTrue();
        }
        assertThat(relay.bytesRelayed()).isEqualTo(2L * sent.length);
    }

    @Test
    void shouldLimitThroughputWhenThrottled() throws Exception {
        relay.setFault(RelayFault.throttle(200_000));
        byte[] sent = new byte[300_000];
        try (Socket s = new Socket()) {
            s.connect(relay.address());
            Future<byte[]> received = threads.submit(() -> s.getInputStream().readAllBytes());
            long start = System.nanoTime();
            s.getOutputStream().write(sent);
            s.shutdownOutput();
            assertThat(received.get(20, TimeUnit.SECONDS)).hasSize(sent.length);
            double seconds = (System.nanoTime() - start) / 1e9;
            // 300 kB each way through a 200 kB/s gate shared by both directions cannot finish in under a second.
            assertThat(seconds).isGreaterThan(1.0);
        }
    }

    @Test
    void shouldForwardNothingWhileStalledAndResumeWhenCleared() throws Exception {
        try (Socket s = new Socket()) {
            s.connect(relay.address());
            OutputStream out = s.getOutputStream();
            InputStream in = s.getInputStream();
            out.write(1);
            assertThat(in.read()).isEqualTo(1);
            relay.setFault(RelayFault.stall());
            out.write(2);
            s.setSoTimeout(300);
            assertThatThrownBy(in::read).isInstanceOf(java.net.SocketTimeoutException.class);
            relay.setFault(RelayFault.NONE);
            s.setSoTimeout(5_000);
            assertThat(in.read()).isEqualTo(2);
        }
    }

    @Test
    void shouldResetConnectionsWhenCut() throws Exception {
        try (Socket s = new Socket()) {
            s.connect(relay.address());
            s.getOutputStream().write(1);
            assertThat(s.getInputStream().read()).isEqualTo(1);
            relay.cutAll();
            s.setSoTimeout(5_000);
            assertThatThrownBy(() -> {
                int r = s.getInputStream().read();
                if (r == -1) {
                    throw new IOException("closed");
                }
            }).isInstanceOf(IOException.class);
        }
    }

    @Test
    void shouldRejectNonPositiveRate() {
        assertThatThrownBy(() -> RelayFault.throttle(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("rate must be positive");
    }
}
