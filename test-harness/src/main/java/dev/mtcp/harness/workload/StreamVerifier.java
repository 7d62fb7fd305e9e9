package dev.mtcp.harness.workload;

import com.google.common.io.BaseEncoding;
import dev.mtcp.server.apps.StreamSequence;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Optional;

/**
 * Checks received bytes against the stream app's deterministic sequence for a seed, position by
 * position, and hashes them. The first difference is kept: a lost, repeated or reordered byte shows
 * up as a difference at its offset.
 */
final class StreamVerifier {
    private final long seed;
    private final long expectedBytes;
    private final MessageDigest sha256;
    private byte[] expected = new byte[64 * 1024];
    private long position;
    private String mismatch;

    StreamVerifier(long seed, long expectedBytes) {
        this.seed = seed;
        this.expectedBytes = expectedBytes;
        try {
            this.sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    /** Verifies {@code buf[off, off+len)} as the next bytes of the stream. */
    void accept(byte[] buf, int off, int len) {
        sha256.update(buf, off, len);
        if (mismatch == null) {
            long inRange = Math.max(0, Math.min(len, expectedBytes - position));
            if (inRange < len) {
                mismatch = (len - inRange) + " bytes beyond the expected end at offset " + expectedBytes;
            }
            if (expected.length < inRange) {
                expected = new byte[(int) inRange];
            }
            StreamSequence.fill(seed, position, expected, 0, (int) inRange);
            int diff = Arrays.mismatch(buf, off, off + (int) inRange, expected, 0, (int) inRange);
            if (diff >= 0 && diff < inRange) {
                mismatch = "byte at offset " + (position + diff) + " differs from the stream sequence (seed " + seed
                        + "): lost, repeated or reordered bytes";
            }
        }
        position += len;
    }

    long position() {
        return position;
    }

    boolean complete() {
        return position >= expectedBytes;
    }

    /** The first problem seen: a differing byte, bytes beyond the end, or (at the end) missing bytes. */
    Optional<String> problem() {
        if (mismatch != null) {
            return Optional.of(mismatch);
        }
        if (position < expectedBytes) {
            return Optional.of("only " + position + " of " + expectedBytes + " bytes arrived");
        }
        return Optional.empty();
    }

    String sha256Hex() {
        return BaseEncoding.base16().lowerCase().encode(sha256.digest());
    }
}
