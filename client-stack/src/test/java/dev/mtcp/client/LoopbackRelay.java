package dev.mtcp.client;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A loopback TCP relay in front of {@code target}: every accepted connection is paired with a new one
 * to the target and handed to {@link #relay}, which decides how bytes cross (delayed, cut, ...).
 */
abstract class LoopbackRelay implements AutoCloseable {
    private final ServerSocket listener;
    private final InetSocketAddress target;
    /** Both sockets of every relayed connection, for closing or resetting them. */
    protected final List<Socket> open = new CopyOnWriteArrayList<>();

    LoopbackRelay(InetSocketAddress target) throws IOException {
        this.target = target;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(this::acceptLoop);
    }

    InetSocketAddress address() {
        return (InetSocketAddress) listener.getLocalSocketAddress();
    }

    /** Starts moving bytes between the client's socket and the target's, both ways. */
    protected abstract void relay(Socket client, Socket server);

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket();
                server.connect(target, 2000);
                open.add(client);
                open.add(server);
                relay(client, server);
            } catch (IOException e) {
                return;
            }
        }
    }

    /** Stops accepting; the relayed connections are the subclass's to end. */
    protected void closeListener() throws IOException {
        listener.close();
    }
}
