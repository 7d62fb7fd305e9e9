package dev.mtcp.protocol.frame;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

/** Argument checks shared by the frame records' compact constructors. */
public final class Fields {
    private Fields() {
    }

    /** Checks a UTF-8 string's encoded length is within [min, max]. */
    public static String string(String name, String value, int minBytes, int maxBytes) {
        Objects.requireNonNull(value, name);
        int n = value.getBytes(StandardCharsets.UTF_8).length;
        if (n < minBytes || n > maxBytes) {
            throw new IllegalArgumentException(name + " must be " + minBytes + ".." + maxBytes + " bytes of UTF-8, got " + n);
        }
        return value;
    }

    /** Checks and copies an array whose length must be within [min, max]. */
    public static byte[] bytes(String name, byte[] value, int minLength, int maxLength) {
        Objects.requireNonNull(value, name);
        if (value.length < minLength || value.length > maxLength) {
            throw new IllegalArgumentException(name + " must be " + minLength + ".." + maxLength + " bytes, got " + value.length);
        }
        return value.clone();
    }

    /** Checks and copies an array whose length must be exactly one of the allowed values. */
    public static byte[] bytesOf(String name, byte[] value, int lengthA, int lengthB) {
        Objects.requireNonNull(value, name);
        if (value.length != lengthA && value.length != lengthB) {
            throw new IllegalArgumentException(name + " must be " + lengthA + " or " + lengthB + " bytes, got " + value.length);
        }
        return value.clone();
    }

    public static long nonNegative(String name, long value) {
        if (value < 0) {
            throw new IllegalArgumentException(name + " must be >= 0, got " + value);
        }
        return value;
    }

    public static int range(String name, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " must be " + min + ".." + max + ", got " + value);
        }
        return value;
    }

    /** Copies a list of server ids, checking count and each id. */
    public static List<String> ids(String name, List<String> ids) {
        Objects.requireNonNull(ids, name);
        if (ids.size() > Limits.MAX_SERVERS) {
            throw new IllegalArgumentException(name + " may hold at most " + Limits.MAX_SERVERS + " entries, got " + ids.size());
        }
        for (String id : ids) {
            string(name + " entry", id, 1, Limits.MAX_ID_BYTES);
        }
        return List.copyOf(ids);
    }
}
