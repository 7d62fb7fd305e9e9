package dev.mtcp.server.apps;

import dev.mtcp.server.MigratoryApp;
import dev.mtcp.server.MigratoryConnection;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * A media-streaming stand-in. Request line {@code STREAM <length> <seed>\n} (decimal, length up to
 * 2^50, seed a signed 64-bit integer); reply: exactly {@code length} bytes of
 * {@link StreamSequence} for that seed, then the next request may follow on the same connection:
 * the app ends its output (FIN) only once the client half-closes, so a client reading to the end of
 * stream half-closes after its last request. A bad request gets {@code ERR <reason>\n} and the
 * server closes its output.
 *
 * <p>Checkpoints: after each request line (snapshot = length, seed, position 0) and after every
 * 64 KiB of reply (position), and when a stream ends (idle); the snapshot is 25 bytes.
 */
public final class StreamApp implements MigratoryApp {
    static final int CHUNK_BYTES = 64 * 1024;
    private static final int MAX_LINE_BYTES = 128;
    private static final long MAX_LENGTH = 1L << 50;

    @Override
    public void serve(MigratoryConnection conn) throws Exception {
        InputStream in = conn.input();
        OutputStream out = conn.output();
        byte[] buf = new byte[CHUNK_BYTES];
        Optional<Progress> resume = conn.importedState().flatMap(StreamApp::decode);
        while (true) {
            Progress p;
            if (resume.isPresent()) {
                p = resume.get();
                resume = Optional.empty();
            } else {
                Optional<String> line = readLine(in);
                if (line.isEmpty()) break;
                Optional<Progress> req = parse(line.get());
                if (req.isEmpty()) {
                    out.write(("ERR bad request, expected 'STREAM <length> <seed>'\n").getBytes(StandardCharsets.US_ASCII));
                    break;
                }
                p = req.get();
                conn.exportState(encode(p));
            }
            while (p.position() < p.length()) {
                int n = (int) Math.min(CHUNK_BYTES, p.length() - p.position());
                StreamSequence.fill(p.seed(), p.position(), buf, 0, n);
                out.write(buf, 0, n);
                p = new Progress(p.length(), p.seed(), p.position() + n);
                conn.exportState(encode(p));
            }
        }
        out.close();
    }

    record Progress(long length, long seed, long position) {
    }

    static byte[] encode(Progress p) {
        return ByteBuffer.allocate(25).put((byte) 1).putLong(p.length()).putLong(p.seed()).putLong(p.position()).array();
    }

    static Optional<Progress> decode(byte[] snap) {
        if (snap.length != 25 || snap[0] != 1) return Optional.empty();
        ByteBuffer b = ByteBuffer.wrap(snap, 1, 24);
        Progress p = new Progress(b.getLong(), b.getLong(), b.getLong());
        return p.position() < p.length() ? Optional.of(p) : Optional.empty();
    }

    /** Reads one line byte by byte (never past its '\n', so the input offset stays exact). Empty at EOF. */
    private static Optional<String> readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        while (true) {
            int c = in.read();
            if (c < 0) {
                if (line.size() == 0) return Optional.empty();
                break;
            }
            if (c == '\n') break;
            if (line.size() >= MAX_LINE_BYTES) return Optional.of("");
            line.write(c);
        }
        return Optional.of(line.toString(StandardCharsets.US_ASCII).strip());
    }

    static Optional<Progress> parse(String line) {
        String[] parts = line.split(" +");
        if (parts.length != 3 || !parts[0].equals("STREAM")) return Optional.empty();
        try {
            long length = Long.parseLong(parts[1]);
            long seed = Long.parseLong(parts[2]);
            if (length < 0 || length > MAX_LENGTH) return Optional.empty();
            return Optional.of(new Progress(length, seed, 0));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
