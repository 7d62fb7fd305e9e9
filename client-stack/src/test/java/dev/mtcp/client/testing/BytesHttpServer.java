package dev.mtcp.client.testing;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** The JDK's HTTP server on a loopback address, serving one byte array at {@code /file}. */
public final class BytesHttpServer implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

    private BytesHttpServer(HttpServer server) {
        this.server = server;
    }

    public static BytesHttpServer start(InetAddress bind, byte[] body) throws IOException {
        HttpServer s = HttpServer.create(new InetSocketAddress(bind, 0), 16);
        BytesHttpServer result = new BytesHttpServer(s);
        s.createContext("/file", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/octet-stream");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        s.setExecutor(result.executor);
        s.start();
        return result;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
