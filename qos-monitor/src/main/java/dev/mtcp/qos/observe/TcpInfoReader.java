package dev.mtcp.qos.observe;

import java.lang.foreign.MemoryLayout;
import dev.mtcp.qos.metrics.TcpInfoSample;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.ByteOrder;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Reads the kernel's {@code struct tcp_info} of a TCP socket with Java FFM:
 * {@code getsockopt(fd, IPPROTO_TCP, TCP_INFO, buf, &len)}. Linux only.
 *
 * <p>Offsets (bytes) in {@code struct tcp_info} ({@code /usr/include/linux/tcp.h}):
 * <pre>
 *   68 tcpi_rtt (u32, us)        72 tcpi_rttvar (u32, us)     80 tcpi_snd_cwnd (u32)
 *  100 tcpi_total_retrans (u32) 120 tcpi_bytes_acked (u64)   136 tcpi_segs_out (u32, Linux 4.2+)
 *  160 tcpi_delivery_rate (u64, bytes/s, Linux 4.9+)
 * </pre>
 * Fields beyond the length the kernel returns are reported as absent ({@code segsOut} 0,
 * {@code deliveryRateBps} empty).
 *
 * <p>The fd of a {@link SocketChannel} comes from {@code sun.nio.ch.SelChImpl#getFDVal}, which needs
 * {@code --add-exports java.base/sun.nio.ch=ALL-UNNAMED} (set by the launcher and the test runs).
 */
public final class TcpInfoReader {
    static final int IPPROTO_TCP = 6;
    static final int TCP_INFO = 11;
    static final int OFFSET_RTT = 68;
    static final int OFFSET_RTTVAR = 72;
    static final int OFFSET_SND_CWND = 80;
    static final int OFFSET_TOTAL_RETRANS = 100;
    static final int OFFSET_BYTES_ACKED = 120;
    static final int OFFSET_SEGS_OUT = 136;
    static final int OFFSET_DELIVERY_RATE = 160;
    static final int MIN_LENGTH = OFFSET_BYTES_ACKED + 8;
    private static final int BUFFER_BYTES = 512;
    private static final ValueLayout.OfInt U32 = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.nativeOrder());
    private static final ValueLayout.OfLong U64 = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.nativeOrder());

    private TcpInfoReader() {
    }

    /** Whether TCP_INFO can be read on this platform (Linux). */
    public static boolean isSupported() {
        return Native.HANDLES != null;
    }

    /**
     * Reads TCP_INFO of a connected channel.
     *
     * @return empty when the platform has no TCP_INFO (not Linux)
     * @throws IOException when getsockopt fails (e.g. the channel is closed), with the errno
     */
    public static Optional<TcpInfoSample> read(SocketChannel channel) throws IOException {
        Objects.requireNonNull(channel, "channel");
        if (!isSupported()) {
            return Optional.empty();
        }
        if (!channel.isOpen()) {
            throw new IOException("cannot read TCP_INFO: the channel is closed");
        }
        return Optional.of(read(fdOf(channel)));
    }

    /** Reads TCP_INFO of the socket with file descriptor {@code fd}. */
    public static TcpInfoSample read(int fd) throws IOException {
        if (!isSupported()) {
            throw new IOException("TCP_INFO is only available on Linux (this is "
                    + System.getProperty("os.name") + ")");
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buf = arena.allocate(BUFFER_BYTES, 8);
            MemorySegment len = arena.allocate(ValueLayout.JAVA_INT);
            len.set(ValueLayout.JAVA_INT, 0, BUFFER_BYTES);
            MemorySegment state = arena.allocate(Native.HANDLES.stateLayout());
            int rc = (int) Native.HANDLES.getsockopt().invokeExact(state, fd, IPPROTO_TCP, TCP_INFO, buf, len);
            if (rc != 0) {
                int errno = (int) Native.HANDLES.errno().get(state, 0L);
                throw new IOException("getsockopt(TCP_INFO) on fd " + fd + " failed: errno " + errno);
            }
            return decode(buf, len.get(ValueLayout.JAVA_INT, 0));
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IOException("getsockopt(TCP_INFO) failed: " + t, t);
        }
    }

    /** Decodes a {@code struct tcp_info} of {@code length} bytes. */
    static TcpInfoSample decode(MemorySegment buf, int length) throws IOException {
        if (length < MIN_LENGTH) {
            throw new IOException("the kernel returned " + length + " bytes of tcp_info, fewer than the "
                    + MIN_LENGTH + " needed for bytes_acked (Linux 4.1+)");
        }
        long rttUs = u32(buf, OFFSET_RTT);
        long rttVarUs = u32(buf, OFFSET_RTTVAR);
        long segsOut = length >= OFFSET_SEGS_OUT + 4 ? u32(buf, OFFSET_SEGS_OUT) : 0;
        OptionalLong delivery = length >= OFFSET_DELIVERY_RATE + 8
                ? OptionalLong.of(buf.get(U64, OFFSET_DELIVERY_RATE) * 8) : OptionalLong.empty();
        return new TcpInfoSample(Duration.ofNanos(rttUs * 1000), Duration.ofNanos(rttVarUs * 1000),
                u32(buf, OFFSET_SND_CWND), u32(buf, OFFSET_TOTAL_RETRANS), buf.get(U64, OFFSET_BYTES_ACKED),
                segsOut, delivery);
    }

    /** The file descriptor of a channel, through {@code sun.nio.ch.SelChImpl#getFDVal}. */
    public static int fdOf(SocketChannel channel) throws IOException {
        try {
            Method getFd = Class.forName("sun.nio.ch.SelChImpl").getMethod("getFDVal");
            return (int) getFd.invoke(channel);
        } catch (IllegalAccessException e) {
            throw new IOException("cannot get the socket's fd: run the JVM with "
                    + "--add-exports java.base/sun.nio.ch=ALL-UNNAMED (the mtcp launcher does)", e);
        } catch (ClassNotFoundException | NoSuchMethodException e) {
            throw new IOException("cannot get the socket's fd: this JDK has no sun.nio.ch.SelChImpl#getFDVal", e);
        } catch (InvocationTargetException e) {
            throw new IOException("cannot get the socket's fd: " + e.getCause(), e.getCause());
        } catch (ClassCastException e) {
            throw new IOException("cannot get the socket's fd: " + channel.getClass().getName()
                    + " is not a JDK socket channel", e);
        }
    }

    private static long u32(MemorySegment buf, long offset) {
        return Integer.toUnsignedLong(buf.get(U32, offset));
    }

    /** The linked native function, or null when the platform is not Linux. Immutable once built. */
    private record Native(MethodHandle getsockopt, StructLayout stateLayout, VarHandle errno) {
        static final Native HANDLES = link();

        @SuppressWarnings("restricted")
        private static Native link() {
            if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux")) {
                return null;
            }
            Linker linker = Linker.nativeLinker();
            Linker.Option ccs = Linker.Option.captureCallState("errno");
            StructLayout layout = Linker.Option.captureStateLayout();
            MethodHandle h = linker.downcallHandle(linker.defaultLookup().find("getsockopt").orElseThrow(),
                    FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT,
                            ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.ADDRESS), ccs);
            VarHandle errno = layout.varHandle(MemoryLayout.PathElement.groupElement("errno"));
            return new Native(h, layout, errno);
        }
    }
}
