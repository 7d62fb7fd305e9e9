package dev.mtcp.harness.relay;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A TCP relay on loopback in front of one upstream address whose behaviour can be changed while
 * connections pass through it: {@link #setFault(RelayFault)} throttles or stalls every current and
 * future connection, {@link #cutAll()} resets them. Each direction of each connection is pumped by
 * its own virtual thread, which reads the next chunk only after the previous one was written
 * (backpressure), so a throttled relay slows the sender down instead of buffering.
 */
public final class FaultInjectingRelay implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FaultInjectingRelay.class);
    private static final int CHUNK_BYTES = 16 * 1024;

    private final String name;
    private final InetSocketAddress upstream;
    private final ServerSocket listener;
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private final AtomicReference<FaultGate> gate = new AtomicReference<>(new FaultGate(RelayFault.NONE));
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final AtomicLong bytesRelayed = new AtomicLong();
    private volatile boolean closed;

    private FaultInjectingRelay(String name, InetSocketAddress listen, InetSocketAddress upstream) throws IOException {
        this.name = name;
        this.upstream = upstream;
        this.listener = new ServerSocket();
        listener.setReuseAddress(true);
        listener.bind(listen);
    }

    /** Starts a relay listening on {@code listen} (port 0 picks a free port) that forwards to {@code upstream}. */
    public static FaultInjectingRelay start(String name, InetSocketAddress listen, InetSocketAddress upstream)
            throws IOException {
        FaultInjectingRelay relay = new FaultInjectingRelay(name, listen, upstream);
        relay.threads.submit(relay::acceptLoop);
        return relay;
    }

    public InetSocketAddress address() {
        return (InetSocketAddress) listener.getLocalSocketAddress();
    }

    public RelayFault fault() {
        return gate.get().fault();
    }

    /** Applies {@code fault} to every connection from now on, including those already open. */
    public void setFault(RelayFault fault) {
        FaultGate previous = gate.getAndSet(new FaultGate(fault));
        previous.release();
        LOG.info("relay {}: fault now {}", name, fault);
    }

    /** Total bytes forwarded in both directions since start. */
    public long bytesRelayed() {
        return bytesRelayed.get();
    }

    /** Sockets currently open through the relay, two per relayed connection. */
    public int openSockets() {
        return open.size();
    }

    /** Resets every connection passing through the relay (both sides see a reset); new ones are still accepted. */
    public void cutAll() {
        for (Socket s : open) {
            resetQuietly(s);
        }
        LOG.info("relay {}: cut all connections", name);
    }

    private void acceptLoop() {
        while (!closed) {
            Socket client;
            try {
                client = listener.accept();
            } catch (IOException e) {
                if (!closed) {
                    LOG.warn("relay {}: accept failed: {}", name, e.toString());
                }
                return;
            }
            threads.submit(() -> connect(client));
        }
    }

    private void connect(Socket client) {
        Socket server = new Socket();
        try {
            client.setTcpNoDelay(true);
            server.setTcpNoDelay(true);
            server.connect(upstream, 5_000);
        } catch (IOException e) {
            LOG.info("relay {}: upstream {} unreachable: {}", name, upstream, e.toString());
            resetQuietly(client);
            closeQuietly(server);
            return;
        }
        open.add(client);
        open.add(server);
        AtomicInteger running = new AtomicInteger(2);
        Runnable whenBothDone = () -> {
            if (running.decrementAndGet() == 0) {
                open.remove(client);
                open.remove(server);
                closeQuietly(client);
                closeQuietly(server);
            }
        };
        threads.submit(() -> pump(client, server, whenBothDone));
        threads.submit(() -> pump(server, client, whenBothDone));
    }

    /** Copies one direction; closing a socket's stream would close the socket, so streams stay open here. */
    private void pump(Socket from, Socket to, Runnable whenDone) {
        byte[] chunk = new byte[CHUNK_BYTES];
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            while (true) {
                int n = in.read(chunk, 0, gate.get().chunkLimit(CHUNK_BYTES));
                if (n < 0) {
                    to.shutdownOutput();
                    return;
                }
                awaitPermission(n);
                out.write(chunk, 0, n);
                bytesRelayed.addAndGet(n);
            }
        } catch (IOException e) {
            // A reset or error on one side becomes a reset on the other, as a real middlebox failure would.
            LOG.debug("relay {}: pump ended: {}", name, e.toString());
            resetQuietly(to);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            whenDone.run();
        }
    }

    /** Blocks while the relay is stalled, then for as long as the rate limit demands for {@code bytes}. */
    private void awaitPermission(int bytes) throws InterruptedException {
        while (true) {
            FaultGate current = gate.get();
            if (current.admit(bytes)) {
                return;
            }
            if (closed) {
                throw new InterruptedException("relay closed");
            }
        }
    }

    private static void resetQuietly(Socket s) {
        try {
            s.setSoLinger(true, 0);
        } catch (SocketException ignored) {
            // already closed
        }
        closeQuietly(s);
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    @Override
    public void close() {
        closed = true;
        gate.get().release();
        try {
            listener.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            open.forEach(FaultInjectingRelay::closeQuietly);
            threads.shutdownNow();
        }
    }
}
