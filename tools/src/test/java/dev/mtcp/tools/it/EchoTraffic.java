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
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            Random random = new Random(7);
            byte[] chunk = new byte[64 << 10];
            OutputStream out = socket.getOutputStream();
            long start = System.nanoTime();
            for (int sent = 0; sent < total; sent += chunk.length) {
                random.nextBytes(chunk);
                digest.update(chunk);
                out.write(chunk);
                pace(start, sent + chunk.length, bytesPerSecond);
            }
            out.flush();
            socket.shutdownOutput();
            return HexFormat.of().formatHex(digest.digest());
        } catch (Exception e) {
            throw new IllegalStateException("upstream writer failed", e);
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
