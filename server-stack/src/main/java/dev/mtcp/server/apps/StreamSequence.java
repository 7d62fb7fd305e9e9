package dev.mtcp.server.apps;

/**
 * The stream app's deterministic byte sequence for a seed: byte {@code i} is byte {@code i % 8}
 * (big-endian) of the 64-bit word {@code splitmix64(seed + (i / 8 + 1) * 0x9E3779B97F4A7C15)}, where
 * splitmix64's finalizer is {@code z ^= z >>> 30; z *= 0xBF58476D1CE4E5B9; z ^= z >>> 27;
 * z *= 0x94D049BB133111EB; z ^= z >>> 31}. Any position can be generated directly, so a resumed
 * stream continues from its checkpoint, and a client can verify what it received.
 */
public final class StreamSequence {
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    private StreamSequence() {
    }

    /** Fills {@code dst[off, off+len)} with the sequence bytes {@code [position, position+len)}. */
    public static void fill(long seed, long position, byte[] dst, int off, int len) {
        long pos = position;
        int i = off;
        int end = off + len;
        while (i < end) {
            long word = word(seed, pos >>> 3);
            int b = (int) (pos & 7);
            while (b < 8 && i < end) {
                dst[i++] = (byte) (word >>> (56 - 8 * b));
                b++;
                pos++;
            }
        }
    }

    static long word(long seed, long index) {
        long z = seed + (index + 1) * GOLDEN;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
