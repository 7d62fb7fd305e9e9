package dev.mtcp.protocol;

import com.google.common.io.BaseEncoding;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;
import java.util.random.RandomGenerator;

/** A migratory connection's identity: exactly 16 random bytes, compared by content. */
public record ConnectionId(byte[] bytes) {
    public static final int LENGTH = 16;

    public ConnectionId {
        Objects.requireNonNull(bytes, "bytes");
        if (bytes.length != LENGTH) {
            throw new IllegalArgumentException("connection id must be " + LENGTH + " bytes, got " + bytes.length);
        }
        bytes = bytes.clone();
    }

    /** A fresh id from a {@link SecureRandom}. */
    public static ConnectionId random() {
        return random(new SecureRandom());
    }

    /** A fresh id from the given generator (tests pass a seeded one). */
    public static ConnectionId random(RandomGenerator random) {
        byte[] b = new byte[LENGTH];
        random.nextBytes(b);
        return new ConnectionId(b);
    }

    /**
     * Parses 32 hex characters.
     *
     * @throws IllegalArgumentException when the text is not 32 hex characters
     */
    public static ConnectionId fromHex(String hex) {
        Objects.requireNonNull(hex, "hex");
        String h = hex.trim().toLowerCase(java.util.Locale.ROOT);
        if (h.length() != LENGTH * 2 || !BaseEncoding.base16().lowerCase().canDecode(h)) {
            throw new IllegalArgumentException("connection id must be 32 hex characters, got '" + hex + "'");
        }
        return new ConnectionId(BaseEncoding.base16().lowerCase().decode(h));
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    /** Lower-case hex, 32 characters. */
    public String hex() {
        return BaseEncoding.base16().lowerCase().encode(bytes);
    }

    /** Copies the 16 bytes into {@code dst} at {@code offset} without allocating. */
    public void copyTo(byte[] dst, int offset) {
        System.arraycopy(bytes, 0, dst, offset, LENGTH);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ConnectionId other && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return hex();
    }
}
