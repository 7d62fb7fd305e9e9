package dev.mtcp.harness.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;

/** One client connection of a benchmark: its two byte streams and how to close it. */
public record BenchConnection(InputStream in, OutputStream out, AutoCloseable connection) implements AutoCloseable {

    /** A plain TCP connection to {@code address} with TCP_NODELAY and a 60 s read timeout. */
    public static BenchConnection tcp(InetSocketAddress address) throws IOException {
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.connect(address, 10_000);
            socket.setSoTimeout(60_000);
            return new BenchConnection(socket.getInputStream(), socket.getOutputStream(), socket);
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (Exception e) {
            // closing a benchmark connection: nothing to recover
        }
    }
}
