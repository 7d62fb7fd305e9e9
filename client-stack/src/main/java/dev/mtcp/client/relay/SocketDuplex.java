package dev.mtcp.client.relay;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Objects;

/** A connected {@link Socket} (or a blocking SocketChannel's socket) as a {@link Duplex}. */
public final class SocketDuplex implements Duplex {

    private final Socket socket;
    private final String description;

    public SocketDuplex(Socket socket) {
        this.socket = Objects.requireNonNull(socket, "socket");
        this.description = "tcp " + socket.getRemoteSocketAddress();
    }

    public Socket socket() {
        return socket;
    }

    @Override
    public InputStream input() throws IOException {
        return socket.getInputStream();
    }

    @Override
    public OutputStream output() throws IOException {
        return socket.getOutputStream();
    }

    @Override
    public void shutdownOutput() throws IOException {
        if (!socket.isClosed() && !socket.isOutputShutdown()) {
            socket.shutdownOutput();
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    @Override
    public String describe() {
        return description;
    }

    @Override
    public InetSocketAddress boundAddress() {
        return socket.getLocalSocketAddress() instanceof InetSocketAddress a ? a : Duplex.super.boundAddress();
    }
}
