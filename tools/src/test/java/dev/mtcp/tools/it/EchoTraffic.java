package dev.mtcp.tools.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/** The two directions of an echo test through the proxy: a paced random writer and a hashing reader. */
final class EchoTraffic {
    private EchoTraffic() {}

    /** Parks until {@code bytes} are due at {@code bytesPerSecond} since {@code start} (pacing, not a wait for a condition). */
    static void pace(long start, long bytes, double bytesPerSecond) {
        long due = start + (long) (bytes * 1e9 / bytesPerSecond);
        LockSupport.parkNanos(due - System.nanoTime());
    }

    /** Writes {@code total} random bytes at {@code bytesPerSecond}, then half-closes; returns their SHA-256. */
    static String writePaced(Socket socket, int total, double bytesPerSecond) {
        try {
            Writer writer = new Writer(socket);
            long start = System.nanoTime();
            for (int sent = 0; sent < total; sent += Writer.CHUNK) {
                writer.write(Writer.CHUNK);
                pace(start, sent + Writer.CHUNK, bytesPerSecond);
            }
            socket.shutdownOutput();
            return writer.sha256();
        } catch (Exception e) {
            throw new IllegalStateException("upstream writer failed", e);
        }
    }

    /** Writes the bytes of {@code new Random(7)} to a socket in 64 KiB chunks, as they are asked for, keeping their SHA-256. */
    static final class Writer {
        static final int CHUNK = 64 << 10;
        private final Socket socket;
        private final Random random = new Random(7);
        private final MessageDigest digest;

        Writer(Socket socket) throws java.security.NoSuchAlgorithmException {
            this.socket = socket;
            this.digest = MessageDigest.getInstance("SHA-256");
        }

        /** Writes at least {@code bytes} more (whole chunks) and flushes. */
        void write(int bytes) throws java.io.IOException {
            byte[] chunk = new byte[CHUNK];
            OutputStream out = socket.getOutputStream();
            for (int sent = 0; sent < bytes; sent += CHUNK) {
                random.nextBytes(chunk);
                digest.update(chunk);
                out.write(chunk);
            }
            out.flush();
        }

        /** The SHA-256 of everything written so far (call once, at the end). */
        String sha256() {
            return HexFormat.of().formatHex(digest.digest());
        }
    }

    /** Reads to EOF, counting into {@code received}; asserts {@code total} bytes came back; returns their SHA-256. */
    static String readAll(Socket socket, int total, AtomicLong received) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            InputStream in = socket.getInputStream();
            byte[] buf = new byte[64 << 10];
            for (int n; (n = in.read(buf)) >= 0; ) {
                digest.update(buf, 0, n);
                received.addAndGet(n);
            }
            assertThat(received.get()).as("bytes echoed before EOF").isEqualTo(total);
            return HexFormat.of().formatHex(digest.digest());
        } catch (Exception e) {
            throw new IllegalStateException("downstream reader failed after " + received.get() + " bytes", e);
        }
    }
}
