package dev.mtcp.tools.it;

import com.google.common.hash.Hashing;
import com.google.common.hash.HashingOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/** Files the multi-process tests serve and compare: pseudo-random content with a fixed seed, and SHA-256. */
final class TestFiles {
    private static final int CHUNK = 1 << 20;

    private TestFiles() {}

    /** Writes {@code size} bytes (a whole number of 1 MiB chunks, rounded up) and returns their SHA-256 in hex. */
    static String writeRandomFile(Path file, long size) throws IOException {
        Random random = new Random(2026);
        byte[] chunk = new byte[CHUNK];
        try (OutputStream raw = Files.newOutputStream(file);
             HashingOutputStream out = new HashingOutputStream(Hashing.sha256(), raw)) {
            for (long written = 0; written < size; written += CHUNK) {
                random.nextBytes(chunk);
                out.write(chunk);
            }
            out.flush();
            return out.hash().toString();
        }
    }

    /** The SHA-256 of a file, in hex. */
    static String sha256(Path file) throws IOException {
        return com.google.common.io.Files.asByteSource(file.toFile()).hash(Hashing.sha256()).toString();
    }
}
