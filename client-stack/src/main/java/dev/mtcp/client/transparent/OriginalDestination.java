package dev.mtcp.client.transparent;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteOrder;
import java.nio.channels.SocketChannel;

/**
 * The destination a connection had before an iptables {@code REDIRECT}/{@code DNAT} rewrote it:
 * {@code getsockopt(fd, SOL_IP, SO_ORIGINAL_DST)} (IPv4) or {@code getsockopt(fd, SOL_IPV6,
 * IP6T_SO_ORIGINAL_DST)} (IPv6), called through the Java FFM API on the accepted socket's descriptor.
 *
 * <pre>
 * struct sockaddr_in  { u16 family (host order); u16 port (network order); u8 addr[4]; u8 zero[8]; }   16 bytes
 * struct sockaddr_in6 { u16 family; u16 port (network order); u32 flowinfo; u8 addr[16]; u32 scope; }  28 bytes
 * </pre>
 */
public final class OriginalDestination {

    static final int SOL_SOCKET = 1;
    static final int SO_DOMAIN = 39;
    static final int SOL_IP = 0;
    static final int SOL_IPV6 = 41;
    /** linux/netfilter_ipv4.h SO_ORIGINAL_DST; the IPv6 IP6T_SO_ORIGINAL_DST has the same value. */
    static final int SO_ORIGINAL_DST = 80;
    static final int AF_INET = 2;
    static final int AF_INET6 = 10;
    static final int ENOENT = 2;
    static final int ENOPROTOOPT = 92;
    private static final int SOCKADDR_BYTES = 28;

    private static final Linker LINKER = Linker.nativeLinker();
    private static final StructLayout CAPTURE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CAPTURE.varHandle(MemoryLayout.PathElement.groupElement("errno"));
    private static final MethodHandle GETSOCKOPT = LINKER.downcallHandle(
            LINKER.defaultLookup().find("getsockopt").orElseThrow(),
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, ADDRESS),
            Linker.Option.captureCallState("errno"));
    private static final ValueLayout.OfShort PORT = JAVA_SHORT.withOrder(ByteOrder.BIG_ENDIAN);

    private OriginalDestination() {}

    /**
     * The original destination of an accepted, redirected connection.
     *
     * @throws IOException saying why there is none (not redirected, no conntrack, not a JDK channel)
     */
    public static InetSocketAddress of(SocketChannel channel) throws IOException {
        int fd = SocketFd.of(channel);
        try (Arena arena = Arena.ofConfined()) {
            int family = intOption(arena, fd, SOL_SOCKET, SO_DOMAIN);
            boolean mappedV4 = channel.getLocalAddress() instanceof InetSocketAddress local
                    && local.getAddress() instanceof Inet4Address;
            int level = family == AF_INET || mappedV4 ? SOL_IP : SOL_IPV6;
            MemorySegment addr = arena.allocate(SOCKADDR_BYTES);
            MemorySegment len = arena.allocate(JAVA_INT);
            len.set(JAVA_INT, 0, SOCKADDR_BYTES);
            MemorySegment capture = arena.allocate(CAPTURE);
            int rc = (int) GETSOCKOPT.invokeExact(capture, fd, level, SO_ORIGINAL_DST, addr, len);
            if (rc != 0) {
                throw failure((int) ERRNO.get(capture, 0L));
            }
            return decode(addr);
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IOException("getsockopt(SO_ORIGINAL_DST) failed: " + t, t);
        }
    }

    private static int intOption(Arena arena, int fd, int level, int option) throws Throwable {
        MemorySegment value = arena.allocate(JAVA_INT);
        MemorySegment len = arena.allocate(JAVA_INT);
        len.set(JAVA_INT, 0, 4);
        MemorySegment capture = arena.allocate(CAPTURE);
        int rc = (int) GETSOCKOPT.invokeExact(capture, fd, level, option, value, len);
        if (rc != 0) {
            throw new IOException("getsockopt(SO_DOMAIN) failed with errno " + (int) ERRNO.get(capture, 0L));
        }
        return value.get(JAVA_INT, 0);
    }

    static InetSocketAddress decode(MemorySegment addr) throws IOException {
        int family = Short.toUnsignedInt(addr.get(JAVA_SHORT, 0));
        int port = Short.toUnsignedInt(addr.get(PORT, 2));
        byte[] ip = switch (family) {
            case AF_INET -> addr.asSlice(4, 4).toArray(JAVA_BYTE);
            case AF_INET6 -> addr.asSlice(8, 16).toArray(JAVA_BYTE);
            default -> throw new IOException("SO_ORIGINAL_DST returned address family " + family);
        };
        return new InetSocketAddress(InetAddress.getByAddress(ip), port);
    }

    private static IOException failure(int errno) {
        return switch (errno) {
            case ENOENT -> new IOException("the connection has no original destination: it was not redirected by an"
                    + " iptables REDIRECT/DNAT rule (errno ENOENT)");
            case ENOPROTOOPT -> new IOException("the kernel does not answer SO_ORIGINAL_DST (errno ENOPROTOOPT): is"
                    + " nf_conntrack loaded and the iptables nat table in use?");
            default -> new IOException("getsockopt(SO_ORIGINAL_DST) failed with errno " + errno);
        };
    }
}
