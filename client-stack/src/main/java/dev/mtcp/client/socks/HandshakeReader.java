package dev.mtcp.client.socks;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;

/**
 * Reads handshake bytes from a client socket with one deadline for the whole handshake: before each
 * read the socket timeout is set to the time left, so a client trickling bytes cannot hold a session
 * longer than the deadline. Reads exactly what is asked and never more, so bytes a client sends right
 * after its request stay in the socket for the relay.
 */
final class HandshakeReader {

    private final Socket socket;
    private final InputStream in;
    private final long deadlineNanos;
    private final long timeoutMillis;

    HandshakeReader(Socket socket, long timeoutMillis) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.timeoutMillis = timeoutMillis;
        this.deadlineNanos = System.nanoTime() + timeoutMillis * 1_000_000L;
    }

    int readByte(String what) throws IOException, SocksRefusal {
        return readFully(1, what)[0] & 0xff;
    }

    int readPort(String what) throws IOException, SocksRefusal {
        byte[] b = readFully(2, what);
        return ((b[0] & 0xff) << 8) | (b[1] & 0xff);
    }

    byte[] readFully(int n, String what) throws IOException, SocksRefusal {
        byte[] buf = new byte[n];
        int off = 0;
        while (off < n) {
            long leftMillis = (deadlineNanos - System.nanoTime()) / 1_000_000L;
            if (leftMillis <= 0) {
                throw timeout(what);
            }
            socket.setSoTimeout(Math.toIntExact(Math.min(leftMillis, Integer.MAX_VALUE)));
            int r;
            try {
                r = in.read(buf, off, n - off);
            } catch (SocketTimeoutException e) {
                throw timeout(what);
            }
            if (r < 0) {
                throw new SocksRefusal("client closed the connection in the " + what + " (after " + off + " of "
                        + n + " bytes)");
            }
            off += r;
        }
        return buf;
    }

    /** Ends the handshake: reads block without timeout from now on. */
    void finish() throws IOException {
        socket.setSoTimeout(0);
    }

    private SocksRefusal timeout(String what) {
        return new SocksRefusal("no complete " + what + " within the handshake timeout of " + timeoutMillis + " ms");
    }
}
