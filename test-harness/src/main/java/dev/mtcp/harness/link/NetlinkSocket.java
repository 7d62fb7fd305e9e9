package dev.mtcp.harness.link;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

/**
 * A raw {@code AF_NETLINK} socket through the Foreign Function &amp; Memory API (libc's socket, bind,
 * setsockopt, send, recv, close). Sends and receives whole datagrams; safe to send from one thread
 * while another blocks in {@link #receive}.
 */
final class NetlinkSocket implements AutoCloseable {
    static final int AF_NETLINK = 16;
    static final int NETLINK_NETFILTER = 12;
    private static final int SOCK_RAW = 3;
    private static final int SOCK_CLOEXEC = 0x80000;
    private static final int SOL_SOCKET = 1;
    private static final int SO_RCVBUFFORCE = 33;
    private static final int SOL_NETLINK = 270;
    private static final int NETLINK_NO_ENOBUFS = 5;
    static final int EINTR = 4;
    static final int ENOBUFS = 105;

    private static final Linker LINKER = Linker.nativeLinker();
    private static final StructLayout CALL_STATE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CALL_STATE.varHandle(MemoryLayout.PathElement.groupElement("errno"));
    private static final Linker.Option CAPTURE_ERRNO = Linker.Option.captureCallState("errno");
    private static final MethodHandle SOCKET = function("socket", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT));
    private static final MethodHandle BIND = function("bind", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle SETSOCKOPT = function("setsockopt",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle SEND = function("send",
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT));
    private static final MethodHandle RECV = function("recv",
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT));
    private static final MethodHandle CLOSE = function("close", FunctionDescriptor.of(JAVA_INT, JAVA_INT));

    private final int fd;
    private final Arena receiveArena = Arena.ofAuto();
    private final MemorySegment receiveBuffer;
    private final MemorySegment receiveState;

    private NetlinkSocket(int fd, int receiveBufferBytes) {
        this.fd = fd;
        this.receiveBuffer = receiveArena.allocate(receiveBufferBytes);
        this.receiveState = receiveArena.allocate(CALL_STATE);
    }

    /** Opens and binds a netlink socket of the given protocol, with a large receive buffer and no ENOBUFS errors. */
    static NetlinkSocket open(int protocol, int receiveBufferBytes) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CALL_STATE);
            int fd = (int) SOCKET.invokeExact(state, AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, protocol);
            if (fd < 0) {
                throw new IOException("socket(AF_NETLINK, protocol " + protocol + ") failed: errno " + errno(state)
                        + " (the kernel lacks netlink for this protocol, or this process lacks CAP_NET_ADMIN)");
            }
            MemorySegment address = arena.allocate(12);
            address.set(JAVA_SHORT, 0, (short) AF_NETLINK);
            if ((int) BIND.invokeExact(state, fd, address, 12) < 0) {
                int err = errno(state);
                int ignored = (int) CLOSE.invokeExact(state, fd);
                throw new IOException("bind(AF_NETLINK) failed: errno " + err + " (close: " + ignored + ")");
            }
            NetlinkSocket socket = new NetlinkSocket(fd, 256 * 1024);
            socket.setIntOption(arena, SOL_SOCKET, SO_RCVBUFFORCE, receiveBufferBytes);
            socket.setIntOption(arena, SOL_NETLINK, NETLINK_NO_ENOBUFS, 1);
            return socket;
        } catch (IOException e) {
            throw e;
        } catch (Throwable t) {
            throw new IOException("native call failed: " + t, t);
        }
    }

    private void setIntOption(Arena arena, int level, int name, int value) throws Throwable {
        MemorySegment state = arena.allocate(CALL_STATE);
        MemorySegment v = arena.allocate(JAVA_INT);
        v.set(JAVA_INT, 0, value);
        if ((int) SETSOCKOPT.invokeExact(state, fd, level, name, v, 4) < 0) {
            throw new IOException("setsockopt(level " + level + ", option " + name + ") failed: errno " + errno(state));
        }
    }

    /** Sends one datagram to the kernel. */
    void send(byte[] message) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CALL_STATE);
            MemorySegment data = arena.allocate(message.length);
            MemorySegment.copy(message, 0, data, JAVA_BYTE, 0, message.length);
            long sent;
            do {
                sent = (long) SEND.invokeExact(state, fd, data, (long) message.length, 0);
            } while (sent < 0 && errno(state) == EINTR);
            if (sent != message.length) {
                throw new IOException("netlink send failed: " + (sent < 0 ? "errno " + errno(state) : "short write " + sent));
            }
        } catch (IOException e) {
            throw e;
        } catch (Throwable t) {
            throw new IOException("native send failed: " + t, t);
        }
    }

    /**
     * Blocks for the next datagram and returns its bytes; only one thread may receive.
     * ENOBUFS (the kernel dropped notifications) is skipped, as those packets are dropped by the kernel.
     */
    byte[] receive() throws IOException {
        try {
            while (true) {
                long n = (long) RECV.invokeExact(receiveState, fd, receiveBuffer, receiveBuffer.byteSize(), 0);
                if (n >= 0) {
                    return receiveBuffer.asSlice(0, n).toArray(JAVA_BYTE);
                }
                int err = errno(receiveState);
                if (err != EINTR && err != ENOBUFS) {
                    throw new IOException("netlink recv failed: errno " + err);
                }
            }
        } catch (IOException e) {
            throw e;
        } catch (Throwable t) {
            throw new IOException("native recv failed: " + t, t);
        }
    }

    @Override
    public void close() {
        try (Arena arena = Arena.ofConfined()) {
            int ignored = (int) CLOSE.invokeExact(arena.allocate(CALL_STATE), fd);
        } catch (Throwable t) {
            // closing a netlink fd cannot fail in a way the caller could act on
        }
    }

    private static int errno(MemorySegment state) {
        return (int) ERRNO.get(state, 0L);
    }

    private static MethodHandle function(String name, FunctionDescriptor descriptor) {
        SymbolLookup libc = LINKER.defaultLookup();
        return LINKER.downcallHandle(libc.find(name).orElseThrow(
                () -> new IllegalStateException("libc has no " + name)), descriptor, CAPTURE_ERRNO);
    }
}
