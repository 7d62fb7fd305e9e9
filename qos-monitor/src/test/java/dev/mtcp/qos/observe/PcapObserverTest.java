package dev.mtcp.qos.observe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A real capture on loopback. Needs libpcap (Debian libpcap0.8) and root or CAP_NET_RAW; without
 * them the tests are skipped with a message saying what is missing.
 */
@Timeout(60)
class PcapObserverTest {
    private static String unavailable;

    @BeforeAll
    static void probeCapture() {
        InetSocketAddress a = new InetSocketAddress(InetAddress.getLoopbackAddress(), 9);
        try (PcapObserver probe = PcapObserver.start("lo", new CarrierTuple(a, a), new RecordingObservations())) {
            unavailable = null;
        } catch (PcapUnavailableException e) {
            unavailable = e.getMessage();
            System.err.println("!!! PcapObserverTest SKIPPED: " + unavailable);
        }
    }

    @Test
    void shouldDeriveRttAndSeeBothDirectionsWhenCapturingLoopbackCarrier() throws Exception {
        Assumptions.assumeTrue(unavailable == null, () -> "packet capture unavailable: " + unavailable);
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             Socket client = new Socket()) {
            CompletableFuture<Socket> accepted = CompletableFuture.supplyAsync(() -> {
                try {
                    return server.accept();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            client.connect(server.getLocalSocketAddress());
            CarrierTuple tuple = new CarrierTuple((InetSocketAddress) client.getLocalSocketAddress(),
                    (InetSocketAddress) client.getRemoteSocketAddress());
            RecordingObservations seen = new RecordingObservations();
            PcapObserver observer = PcapObserver.start("lo", tuple, seen);
            try (Socket peer = accepted.get(5, TimeUnit.SECONDS)) {
                exchange(client, peer, 50);
                long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
                // 50 request/response rounds: 100 data segments once the capture has caught up
                while ((seen.rtts().size() < 10 || seen.segments().size() < 100) && System.nanoTime() < deadline) {
                    java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
                }
            } finally {
                long t0 = System.nanoTime();
                observer.stop();
                assertThat(Duration.ofNanos(System.nanoTime() - t0)).as("stop is prompt").isLessThan(Duration.ofSeconds(3));
            }
            assertThat(observer.failure()).isEmpty();
            assertThat(observer.packetsSeen()).isGreaterThanOrEqualTo(100);
            assertThat(seen.rtts()).hasSizeGreaterThanOrEqualTo(10).allSatisfy(r -> assertThat(r).isPositive());
            assertThat(seen.segments()).hasSize(100).contains(PacketObservations.Direction.CLIENT_TO_SERVER,
                    PacketObservations.Direction.SERVER_TO_CLIENT);
            assertThat(seen.retransmissions()).isEmpty();
            observer.stop();   // idempotent
        }
    }

    @Test
    void shouldSayWhichInterfaceWhenItDoesNotExist() {
        Assumptions.assumeTrue(unavailable == null, () -> "packet capture unavailable: " + unavailable);
        InetSocketAddress a = new InetSocketAddress(InetAddress.getLoopbackAddress(), 9);
        assertThatThrownBy(() -> PcapObserver.start("mtcpnosuch0", new CarrierTuple(a, a), new RecordingObservations()))
                .isInstanceOf(PcapUnavailableException.class).hasMessageContaining("mtcpnosuch0");
    }

    /** Request/response round trips so every data segment gets an ACK or a reply. */
    private static void exchange(Socket client, Socket peer, int rounds) throws Exception {
        CompletableFuture<Void> echo = CompletableFuture.runAsync(() -> {
            try (InputStream in = peer.getInputStream(); OutputStream out = peer.getOutputStream()) {
                byte[] buf = new byte[100];
                for (int i = 0; i < rounds; i++) {
                    in.readNBytes(buf, 0, buf.length);
                    out.write(buf);
                    out.flush();
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        OutputStream out = client.getOutputStream();
        InputStream in = client.getInputStream();
        byte[] msg = new byte[100];
        for (int i = 0; i < rounds; i++) {
            out.write(msg);
            out.flush();
            assertThat(in.readNBytes(100)).hasSize(100);
        }
        echo.get(10, TimeUnit.SECONDS);
    }
}
