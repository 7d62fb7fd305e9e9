package dev.mtcp.server.apps;

import dev.mtcp.server.MigratoryApp;
import dev.mtcp.server.MigratoryConnection;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Optional;

/**
 * HTTP/1.1 static files from a root directory: GET and HEAD, keep-alive (HTTP/1.0 only when asked),
 * a single {@code Range} (206, 416), 404 for missing files, 400 for malformed requests, 403 for
 * targets that leave the root ({@code ..}, symlinks out), 405 for other methods. Responses carry no
 * Date header, so a resumed connection regenerates exactly the same bytes.
 *
 * <p>State (see {@link HttpSnapshot}): the bytes read ahead of the current request, and the body in
 * progress with its offset; checkpoints after every response and every 256 KiB of body.
 */
public final class HttpApp implements MigratoryApp {
    static final int MAX_HEAD_BYTES = 16 * 1024;
    static final int CHECKPOINT_BYTES = 256 * 1024;
    private static final byte[] NONE = new byte[0];

    private final HttpFiles files;

    public HttpApp(Path root) throws IOException {
        if (!Files.isDirectory(root)) throw new IOException("HTTP root " + root + " is not a directory");
        this.files = new HttpFiles(root);
    }

    @Override
    public void serve(MigratoryConnection conn) throws Exception {
        InputStream in = conn.input();
        OutputStream out = conn.output();
        HeadReader reader = new HeadReader(in);
        Optional<HttpSnapshot> resumed = conn.importedState().flatMap(HttpSnapshot::decode);
        boolean open = true;
        if (resumed.isPresent()) {
            reader.pending(resumed.get().pending());
            if (resumed.get().body().isPresent()) {
                HttpSnapshot.Body b = resumed.get().body().get();
                open = sendBody(conn, reader, b) && b.keepAlive();
                if (open) conn.exportState(new HttpSnapshot(reader.pending(), Optional.empty()).encode());
            }
        }
        while (open) {
            HeadReader.Result head = reader.next();
            if (head instanceof HeadReader.Result.End) break;
            if (!(head instanceof HeadReader.Result.Head h)) {
                out.write(HttpResponses.simple(400, "Bad Request", "request head too large or malformed", false, false));
                break;
            }
            Optional<HttpRequest> req = HttpRequest.parse(h.bytes(), h.length());
            if (req.isEmpty() || (req.get().version().equals("HTTP/1.1") && req.get().header("host").isEmpty())) {
                out.write(HttpResponses.simple(400, "Bad Request", "malformed request", false, false));
                break;
            }
            open = respond(conn, reader, req.get());
            if (open) conn.exportState(new HttpSnapshot(reader.pending(), Optional.empty()).encode());
        }
        out.close();
    }

    /** Writes one response; returns whether the connection stays open. */
    private boolean respond(MigratoryConnection conn, HeadReader reader, HttpRequest req) throws IOException {
        OutputStream out = conn.output();
        boolean head = req.method().equals("HEAD");
        boolean keepAlive = req.keepAlive() && !req.hasBody();
        if (!head && !req.method().equals("GET")) {
            out.write(HttpResponses.methodNotAllowed(keepAlive));
            return keepAlive;
        }
        switch (files.resolve(req.target())) {
            case HttpFiles.Resolved.Forbidden f -> {
                out.write(HttpResponses.simple(403, "Forbidden", "path outside the served root", keepAlive, head));
                return keepAlive;
            }
            case HttpFiles.Resolved.NotFound n -> {
                out.write(HttpResponses.simple(404, "Not Found", "no such file: " + req.target(), keepAlive, head));
                return keepAlive;
            }
            case HttpFiles.Resolved.Found found -> {
                long size = Files.size(found.file());
                String type = HttpFiles.contentType(found.file());
                switch (HttpRange.resolve(req.header("range"), size)) {
                    case HttpRange.Outcome.Unsatisfiable u -> {
                        out.write(HttpResponses.unsatisfiable(size, keepAlive, head));
                        return keepAlive;
                    }
                    case HttpRange.Outcome.Full full -> {
                        out.write(HttpResponses.fileHead(200, "OK", type, 0, size, size, keepAlive));
                        if (head) return keepAlive;
                        return sendBody(conn, reader, new HttpSnapshot.Body(found.relative(), size, 0, size, 0, keepAlive)) && keepAlive;
                    }
                    case HttpRange.Outcome.Partial p -> {
                        out.write(HttpResponses.fileHead(206, "Partial Content", type, p.range().start(), p.range().end(), size, keepAlive));
                        if (head) return keepAlive;
                        return sendBody(conn, reader, new HttpSnapshot.Body(found.relative(), size, p.range().start(),
                                p.range().end(), 0, keepAlive)) && keepAlive;
                    }
                }
            }
        }
    }

    /** Sends {@code [start + sent, end)} of the file, checkpointing; false if the file changed under us. */
    private boolean sendBody(MigratoryConnection conn, HeadReader reader, HttpSnapshot.Body body) throws IOException {
        if (!(files.byRelative(body.relativePath()) instanceof HttpFiles.Resolved.Found found)
                || Files.size(found.file()) != body.fileSize()) {
            return false;   // the file is gone or changed: the byte stream cannot continue, so close
        }
        OutputStream out = conn.output();
        byte[] buf = new byte[64 * 1024];
        long sent = body.sent();
        long sinceCheckpoint = 0;
        try (FileChannel ch = FileChannel.open(found.file(), StandardOpenOption.READ)) {
            long pos = body.start() + sent;
            while (pos < body.end()) {
                int n = (int) Math.min(buf.length, body.end() - pos);
                ByteBuffer bb = ByteBuffer.wrap(buf, 0, n);
                while (bb.hasRemaining()) {
                    if (ch.read(bb, pos + bb.position()) < 0) return false;
                }
                out.write(buf, 0, n);
                pos += n;
                sent += n;
                sinceCheckpoint += n;
                if (sinceCheckpoint >= CHECKPOINT_BYTES && pos < body.end()) {
                    sinceCheckpoint = 0;
                    conn.exportState(new HttpSnapshot(reader.pending(), Optional.of(new HttpSnapshot.Body(
                            body.relativePath(), body.fileSize(), body.start(), body.end(), sent, body.keepAlive()))).encode());
                }
            }
        }
        return true;
    }

    /** Reads request heads from the input, keeping bytes read past a head for the next one. */
    static final class HeadReader {
        sealed interface Result {
            record Head(byte[] bytes, int length) implements Result {
            }

            record End() implements Result {
            }

            record Bad() implements Result {
            }
        }

        private final InputStream in;
        private byte[] buf = new byte[MAX_HEAD_BYTES + 4];
        private int len;

        HeadReader(InputStream in) {
            this.in = in;
        }

        void pending(byte[] bytes) {
            System.arraycopy(bytes, 0, buf, 0, bytes.length);
            len = bytes.length;
        }

        byte[] pending() {
            return len == 0 ? NONE : Arrays.copyOf(buf, len);
        }

        Result next() throws IOException {
            int scanFrom = 0;
            while (true) {
                int end = indexOfBlankLine(scanFrom);
                if (end >= 0) {
                    byte[] head = Arrays.copyOf(buf, end);
                    int rest = len - (end + 4);
                    System.arraycopy(buf, end + 4, buf, 0, rest);
                    len = rest;
                    return new Result.Head(head, head.length);
                }
                if (len >= MAX_HEAD_BYTES) return new Result.Bad();
                scanFrom = Math.max(0, len - 3);
                int n = in.read(buf, len, buf.length - len);
                if (n < 0) return len == 0 ? new Result.End() : new Result.Bad();
                len += n;
            }
        }

        private int indexOfBlankLine(int from) {
            for (int i = from; i + 3 < len; i++) {
                if (buf[i] == '\r' && buf[i + 1] == '\n' && buf[i + 2] == '\r' && buf[i + 3] == '\n') return i;
            }
            return -1;
        }
    }
}
