package dev.mtcp.tools.demo;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;

/** An unchanged HTTP client downloading one URL into a file: curl, or a plain-socket fallback. */
interface DownloadClient extends AutoCloseable {
    /** What the client is, for the demo's output ("curl 7.88.1", "built-in socket client"). */
    String name();

    /** Body bytes written to the output file so far. */
    long bytesReceived();

    /** Completes when the download ended: normally, or exceptionally with what went wrong. */
    CompletableFuture<Void> done();

    @Override
    void close();

    /** curl when it is on PATH, else the built-in client. */
    static DownloadClient start(String host, int port, String path, Path out, long rateBytesPerSecond)
            throws IOException {
        return CurlClient.available()
                ? CurlClient.start(host, port, path, out, rateBytesPerSecond)
                : SocketHttpClient.start(host, port, path, out, rateBytesPerSecond);
    }
}
