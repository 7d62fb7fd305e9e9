package dev.mtcp.client.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.SplittableRandom;

/** Deterministic payloads and digests for byte-exact checks. */
public final class Streams {

    private Streams() {}

    /** Writes {@code length} pseudo-random bytes from {@code seed}; returns their SHA-256 (hex). */
    public static String writeRandom(OutputStream out, long length, long seed) throws IOException {
        MessageDigest sha = sha256();
        SplittableRandom rnd = new SplittableRandom(seed);
        byte[] buf = new byte[16 * 1024];
        long left = length;
        while (left > 0) {
            int n = (int) Math.min(buf.length, left);
            rnd.nextBytes(buf);
            out.write(buf, 0, n);
            sha.update(buf, 0, n);
            left -= n;
        }
        out.flush();
        return HexFormat.of().formatHex(sha.digest());
    }

    /** Reads to end-of-stream; returns the SHA-256 (hex) and counts the bytes into {@code count[0]}. */
    public static String readAll(InputStream in, long[] count) throws IOException {
        MessageDigest sha = sha256();
        byte[] buf = new byte[16 * 1024];
        int n;
        long total = 0;
        while ((n = in.read(buf)) >= 0) {
            sha.update(buf, 0, n);
            total += n;
        }
        count[0] = total;
        return HexFormat.of().formatHex(sha.digest());
    }

    public static String sha256Hex(byte[] bytes) {
        return HexFormat.of().formatHex(sha256().digest(bytes));
    }

    public static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
