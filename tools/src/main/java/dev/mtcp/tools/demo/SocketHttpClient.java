package dev.mtcp.tools.demo;

import com.google.common.util.concurrent.RateLimiter;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The fallback client when curl is missing: a plain TCP socket speaking HTTP/1.1 — it knows nothing
 * of mtcp, exactly like curl. Reads the body at a limited rate into a file.
 */
final class SocketHttpClient implements DownloadClient {
    private static final int MAX_HEADER_BYTES = 16 * 1024;

    private final Socket socket;
    private final AtomicLong received = new AtomicLong();
    private final CompletableFuture<Void> done = new CompletableFuture<>();

    private SocketHttpClient(Socket socket) {
        this.socket = socket;
    }

    static SocketHttpClient start(String host, int port, String path, Path out, long rateBytesPerSecond)
            throws IOException {
        SocketHttpClient client = new SocketHttpClient(new Socket(host, port));
        Thread.ofVirtual().name("demo-http-client").start(() -> client.run(host, path, out, rateBytesPerSecond));
        return client;
    }

    private void run(String host, String path, Path out, long rate) {
        try (socket; OutputStream file = Files.newOutputStream(out)) {
            socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: " + host
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            InputStream in = new BufferedInputStream(socket.getInputStream());
            long length = readHeaders(in);
            RateLimiter limiter = RateLimiter.create(rate);
            byte[] buf = new byte[16 * 1024];
            while (received.get() < length) {
                int n = in.read(buf, 0, (int) Math.min(buf.length, length - received.get()));
                if (n < 0) {
                    throw new IOException("connection closed after " + received.get() + " of " + length + " bytes");
                }
                limiter.acquire(n);
                file.write(buf, 0, n);
                received.addAndGet(n);
            }
            done.complete(null);
        } catch (IOException | RuntimeException e) {
            done.completeExceptionally(e);
        }
    }

    /** Reads the status line and headers; returns Content-Length. */
    private static long readHeaders(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0 || head.size() > MAX_HEADER_BYTES) {
                throw new IOException("no complete HTTP response header from the server");
            }
            head.write(b);
            matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        String[] lines = head.toString(StandardCharsets.US_ASCII).split("\r\n");
        if (!lines[0].matches("HTTP/1\\.[01] 200 .*")) {
            throw new IOException("the server answered '" + lines[0] + "'");
        }
        for (String line : lines) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                return Long.parseLong(line.substring(15).strip());
            }
        }
        throw new IOException("the response has no Content-Length");
    }

    @Override
    public String name() {
        return "built-in socket client (curl not found)";
    }

    @Override
    public long bytesReceived() {
        return received.get();
    }

    @Override
    public CompletableFuture<Void> done() {
        return done;
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
