package dev.mtcp.qos.observe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mtcp.qos.metrics.TcpInfoSample;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class TcpInfoReaderTest {

    @Test
    void shouldSeeRttAndGrowingBytesAckedWhenLoopbackConnectionCarriesData() throws Exception {
        Assumptions.assumeTrue(TcpInfoReader.isSupported(), "TCP_INFO needs Linux");
        try (ServerSocketChannel server = ServerSocketChannel.open()
                .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
             SocketChannel client = SocketChannel.open(server.getLocalAddress());
             SocketChannel accepted = server.accept()) {
            TcpInfoSample before = TcpInfoReader.read(client).orElseThrow();
            sendAndDrain(client, accepted, 1 << 20);
            TcpInfoSample after = TcpInfoReader.read(client).orElseThrow();
            assertThat(after.rtt()).isPositive();
            assertThat(after.bytesAcked()).isGreaterThanOrEqualTo(before.bytesAcked() + (1 << 20));
            assertThat(after.segsOut()).isGreaterThan(before.segsOut());
            assertThat(after.sndCwnd()).isPositive();
            assertThat(after.totalRetrans()).isGreaterThanOrEqualTo(0);
            assertThat(after.deliveryRateBps()).isPresent();
        }
    }

    @Test
    void shouldNameTheProblemWhenChannelIsClosed() throws Exception {
        SocketChannel ch = SocketChannel.open();
        ch.close();
        assertThatThrownBy(() -> TcpInfoReader.read(ch)).isInstanceOf(IOException.class)
                .hasMessageContaining("closed");
    }

    @Test
    void shouldDecodeDocumentedOffsetsWhenGivenARawStruct() throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buf = arena.allocate(256);
            ByteBuffer bb = buf.asByteBuffer().order(ByteOrder.nativeOrder());
            bb.putInt(68, 12_345).putInt(72, 678).putInt(80, 10).putInt(100, 7).putLong(120, 1_000_000L)
                    .putInt(136, 900).putLong(160, 125_000L);
            TcpInfoSample full = TcpInfoReader.decode(buf, 232);
            assertThat(full.rtt()).isEqualTo(Duration.ofNanos(12_345_000));
            assertThat(full.rttVar()).isEqualTo(Duration.ofNanos(678_000));
            assertThat(full.sndCwnd()).isEqualTo(10);
            assertThat(full.totalRetrans()).isEqualTo(7);
            assertThat(full.bytesAcked()).isEqualTo(1_000_000L);
            assertThat(full.segsOut()).isEqualTo(900);
            assertThat(full.deliveryRateBps()).hasValue(1_000_000L);
            TcpInfoSample old = TcpInfoReader.decode(buf, 128);     // a kernel without segs_out / delivery_rate
            assertThat(old.segsOut()).isZero();
            assertThat(old.deliveryRateBps()).isEmpty();
            assertThatThrownBy(() -> TcpInfoReader.decode(buf, 104)).hasMessageContaining("fewer than the 128");
            assertThat(buf.get(ValueLayout.JAVA_BYTE, 0)).isZero();
        }
    }

    private static void sendAndDrain(SocketChannel out, SocketChannel in, int bytes) throws Exception {
        Thread reader = Thread.ofVirtual().start(() -> {
            ByteBuffer b = ByteBuffer.allocate(64 * 1024);
            long total = 0;
            try {
                while (total < bytes) {
                    b.clear();
                    int n = in.read(b);
                    if (n < 0) {
                        return;
                    }
                    total += n;
                }
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        ByteBuffer data = ByteBuffer.allocate(bytes);
        while (data.hasRemaining()) {
            out.write(data);
        }
        reader.join(Duration.ofSeconds(10));
        assertThat(reader.isAlive()).as("reader drained the data").isFalse();
        // bytes_acked follows the receiver's ACKs: wait for them with a deadline
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (TcpInfoReader.read(out).orElseThrow().bytesAcked() < bytes && System.nanoTime() < deadline) {
            java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
        }
    }
}
