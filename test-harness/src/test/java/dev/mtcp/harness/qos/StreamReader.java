package dev.mtcp.harness.qos;

import dev.mtcp.server.apps.StreamSequence;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Requests {@code STREAM length seed} from the stream app and reads the reply on a virtual thread,
 * checking every byte against {@link StreamSequence}: {@link #done()} completes with the byte count
 * once all {@code length} bytes arrived exactly, or fails at the first wrong byte, naming its offset.
 * A {@link #pauseAt} gate lets a test hold the reader mid-stream.
 */
final class StreamReader {
    private final long length;
    private final long seed;
    private final AtomicLong received = new AtomicLong();
    private final CompletableFuture<Long> done = new CompletableFuture<>();
    private volatile long pauseAt = Long.MAX_VALUE;
    private final CompletableFuture<Void> resume = new CompletableFuture<>();

    private StreamReader(long length, long seed) {
        this.length = length;
        this.seed = seed;
    }

    static StreamReader start(InputStream in, OutputStream out, long length, long seed, long pauseAt) throws IOException {
        StreamReader r = new StreamReader(length, seed);
        r.pauseAt = pauseAt;
        out.write(("STREAM " + length + " " + seed + "\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        Thread.ofVirtual().name("stream-reader-" + seed).start(() -> r.readAll(in));
        return r;
    }

    long received() {
        return received.get();
    }

    CompletableFuture<Long> done() {
        return done;
    }

    /** Lets a reader held at its pause point go on. */
    void resume() {
        resume.complete(null);
    }

    private void readAll(InputStream in) {
        byte[] got = new byte[64 * 1024];
        byte[] expected = new byte[got.length];
        long pos = 0;
        try {
            while (pos < length) {
                if (pos >= pauseAt) {
                    resume.join();
                    pauseAt = Long.MAX_VALUE;
                }
                int want = (int) Math.min(got.length, Math.min(length - pos, Math.max(1, pauseAt - pos)));
                int n = in.read(got, 0, want);
                if (n < 0) {
                    throw new EOFException("stream " + seed + " ended after " + pos + " of " + length + " bytes");
                }
                StreamSequence.fill(seed, pos, expected, 0, n);
                if (!Arrays.equals(got, 0, n, expected, 0, n)) {
                    int i = Arrays.mismatch(got, 0, n, expected, 0, n);
                    throw new IOException("stream " + seed + ": wrong byte at offset " + (pos + i));
                }
                pos += n;
                received.set(pos);
            }
            done.complete(pos);
        } catch (IOException | RuntimeException e) {
            done.completeExceptionally(e);
        }
    }
}
