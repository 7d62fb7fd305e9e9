package dev.mtcp.client.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** A TCP echo server on a loopback address: every byte comes back; end-of-stream is answered by a half-close. */
public final class EchoServer implements AutoCloseable {

    private final ServerSocket serverSocket;
    private final Set<Socket> connections = ConcurrentHashMap.newKeySet();

    private EchoServer(ServerSocket serverSocket) {
        this.serverSocket = serverSocket;
        Thread.ofVirtual().name("echo-accept").start(this::acceptLoop);
    }

    public static EchoServer start(InetAddress bind) throws IOException {
        ServerSocket ss = new ServerSocket();
        ss.bind(new InetSocketAddress(bind, 0));
        return new EchoServer(ss);
    }

    public InetSocketAddress address() {
        return (InetSocketAddress) serverSocket.getLocalSocketAddress();
    }

    public int port() {
        return serverSocket.getLocalPort();
    }

    private void acceptLoop() {
        while (!serverSocket.isClosed()) {
            try {
                Socket s = serverSocket.accept();
                connections.add(s);
                Thread.ofVirtual().start(() -> echo(s));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void echo(Socket s) {
        try (s) {
            InputStream in = s.getInputStream();
            OutputStream out = s.getOutputStream();
            byte[] buf = new byte[32 * 1024];
            int n;
            while ((n = in.read(buf)) >= 0) {
                out.write(buf, 0, n);
            }
            s.shutdownOutput();
        } catch (IOException e) {
            // the test ends the connection however it likes
        } finally {
            connections.remove(s);
        }
    }

    @Override
    public void close() throws IOException {
        serverSocket.close();
        for (Socket s : connections) {
            s.close();
        }
    }
}
