package dev.mtcp.tools.demo;

import com.google.common.hash.Hashing;
import com.google.common.hash.HashingOutputStream;
import com.google.common.io.ByteSource;
import com.google.common.io.Files;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.SplittableRandom;

/** The file the demo's servers serve: pseudo-random bytes from a fixed seed, with its SHA-256. */
record ServedFile(Path path, long bytes, String sha256) {
    static ServedFile create(Path path, long bytes) throws IOException {
        SplittableRandom random = new SplittableRandom(0x6d746370L);
        byte[] chunk = new byte[1 << 16];
        try (OutputStream file = java.nio.file.Files.newOutputStream(path);
             HashingOutputStream hashing = new HashingOutputStream(Hashing.sha256(), file)) {
            for (long left = bytes; left > 0; left -= chunk.length) {
                random.nextBytes(chunk);
                hashing.write(chunk, 0, (int) Math.min(chunk.length, left));
            }
            hashing.flush();
            return new ServedFile(path, bytes, hashing.hash().toString());
        }
    }

    static String sha256Of(Path file) throws IOException {
        ByteSource source = Files.asByteSource(file.toFile());
        return source.hash(Hashing.sha256()).toString();
    }
}
