package dev.mtcp.client.transparent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteOrder;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class OriginalDestinationTest {

    @Test
    void shouldDecodeSockaddrInWhenFamilyIsInet() throws Exception {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment s = arena.allocate(28);
            s.set(ValueLayout.JAVA_SHORT, 0, (short) OriginalDestination.AF_INET);
            s.set(ValueLayout.JAVA_SHORT.withOrder(ByteOrder.BIG_ENDIAN), 2, (short) 8443);
            s.asSlice(4, 4).copyFrom(MemorySegment.ofArray(new byte[] {10, 0, 0, 7}));
            assertThat(OriginalDestination.decode(s))
                    .isEqualTo(new InetSocketAddress(InetAddress.ofLiteral("10.0.0.7"), 8443));
        }
    }

    @Test
    void shouldDecodeSockaddrIn6WhenFamilyIsInet6() throws Exception {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment s = arena.allocate(28);
            s.set(ValueLayout.JAVA_SHORT, 0, (short) OriginalDestination.AF_INET6);
            s.set(ValueLayout.JAVA_SHORT.withOrder(ByteOrder.BIG_ENDIAN), 2, (short) 65535);
            byte[] ip = InetAddress.ofLiteral("fd00::1:2").getAddress();
            s.asSlice(8, 16).copyFrom(MemorySegment.ofArray(ip));
            assertThat(OriginalDestination.decode(s))
                    .isEqualTo(new InetSocketAddress(InetAddress.ofLiteral("fd00::1:2"), 65535));
        }
    }

    @Test
    void shouldReportOwnAddressOrNotRedirectedWhenConnectionWasDirect() throws Exception {
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.INET)) {
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            try (SocketChannel client = SocketChannel.open(server.getLocalAddress());
                 SocketChannel accepted = server.accept()) {
                InetSocketAddress[] result = new InetSocketAddress[1];
                Throwable error = catchThrowable(() -> result[0] = OriginalDestination.of(accepted));
                if (error == null) {
                    // conntrack is active in this namespace: a direct connection's "original" is the listener itself
                    assertThat(result[0]).isEqualTo(server.getLocalAddress());
                } else {
                    assertThat(error).hasMessageContaining("not redirected");
                }
                assertThat(client.isConnected()).isTrue();
            }
        }
    }
}
