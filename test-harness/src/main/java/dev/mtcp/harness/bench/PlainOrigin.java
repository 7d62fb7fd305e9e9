package dev.mtcp.harness.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A plain TCP server on 127.0.0.1 (ephemeral port) running an {@link OriginService}, one virtual thread per connection. */
public final class PlainOrigin implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PlainOrigin.class);

    private final OriginService service;
    private final ServerSocket listener;
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    private PlainOrigin(OriginService service) throws IOException {
        this.service = service;
        this.listener = new ServerSocket(0, 16_384, InetAddress.getLoopbackAddress());
    }

    public static PlainOrigin start(OriginService service) throws IOException {
        PlainOrigin origin = new PlainOrigin(service);
        origin.threads.submit(origin::acceptLoop);
        return origin;
    }

    public InetSocketAddress address() {
        return (InetSocketAddress) listener.getLocalSocketAddress();
    }

    /** Connections currently open. */
    public int connections() {
        return open.size();
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket s = listener.accept();
                s.setTcpNoDelay(true);
                open.add(s);
                threads.submit(() -> serve(s));
            } catch (IOException e) {
                if (!closed) {
                    LOG.warn("origin {}: accept failed: {}", address(), e.toString());
                }
                return;
            }
        }
    }

    private void serve(Socket s) {
        try (s) {
            service.serve(s.getInputStream(), s.getOutputStream(), Checkpoints.NONE);
        } catch (IOException e) {
            if (!closed) {
                LOG.debug("origin {}: connection {} ended: {}", address(), s.getRemoteSocketAddress(), e.toString());
            }
        } finally {
            open.remove(s);
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            listener.close();
        } catch (IOException e) {
            LOG.debug("origin: closing listener: {}", e.toString());
        }
        for (Socket s : open) {
            try {
                s.close();
            } catch (IOException e) {
                LOG.debug("origin: closing {}: {}", s, e.toString());
            }
        }
        threads.shutdownNow();
    }
}
