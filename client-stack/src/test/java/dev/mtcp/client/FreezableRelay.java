package dev.mtcp.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A loopback TCP relay that a test can freeze: while frozen, nothing moves in either direction and
 * new connections are accepted but not served, exactly what the peers of a paused (SIGSTOP) or
 * partitioned process see. Thawing lets everything held through.
 */
final class FreezableRelay implements AutoCloseable {
    private final ServerSocket listener;
    private final InetSocketAddress target;
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private final Object gate = new Object();
    private boolean frozen;
    final AtomicLong bytesTowardClientAfterThaw = new AtomicLong();
    private volatile boolean thawed;

    FreezableRelay(InetSocketAddress target) throws IOException {
        this.target = target;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(this::acceptLoop);
    }

    InetSocketAddress address() {
        return new InetSocketAddress("127.0.0.1", listener.getLocalPort());
    }

    void freeze() {
        synchronized (gate) {
            frozen = true;
        }
    }

    void thaw() {
        synchronized (gate) {
            frozen = false;
            thawed = true;
            gate.notifyAll();
        }
    }

    private void awaitThawed() throws InterruptedException {
        synchronized (gate) {
            while (frozen) gate.wait();
        }
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                Socket a = listener.accept();
                open.add(a);
                Thread.ofVirtual().start(() -> connectAndPump(a));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void connectAndPump(Socket a) {
        try {
            awaitThawed();
            Socket b = new Socket();
            b.connect(target, 2000);
            open.add(b);
            Thread.ofVirtual().start(() -> pump(a, b, false));
            pump(b, a, true);
        } catch (IOException | InterruptedException e) {
            close(a);
        }
    }

    private void pump(Socket from, Socket to, boolean towardClient) {
        byte[] buf = new byte[64 * 1024];
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            while (true) {
                awaitThawed();
                int n = in.read(buf);
                if (n < 0) break;
                awaitThawed();
                out.write(buf, 0, n);
                if (towardClient && thawed) bytesTowardClientAfterThaw.addAndGet(n);
            }
            to.shutdownOutput();
        } catch (IOException | InterruptedException e) {
            close(from);
            close(to);
        }
    }

    private static void close(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // already gone
        }
    }

    @Override
    public void close() throws IOException {
        thaw();
        listener.close();
        open.forEach(FreezableRelay::close);
    }
}
