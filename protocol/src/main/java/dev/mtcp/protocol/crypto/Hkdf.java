package dev.mtcp.protocol.crypto;

import dev.mtcp.protocol.ConnectionId;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HKDF-SHA256 (RFC 5869) over the JDK's HmacSHA256. */
public final class Hkdf {
    /** Length of every key mtcp derives. */
    public static final int KEY_BYTES = 32;
    static final byte[] CONNECTION_KEY_INFO = "mtcp connection key v1".getBytes(StandardCharsets.US_ASCII);
    private static final int HASH_BYTES = 32;

    private Hkdf() {
    }

    /** {@code Kc = HKDF(sharedSecret, salt = connection id, info = "mtcp connection key v1", 32)}. */
    public static byte[] deriveConnectionKey(byte[] sharedSecret, ConnectionId salt) {
        return derive(salt.bytes(), sharedSecret, CONNECTION_KEY_INFO, KEY_BYTES);
    }

    /** Extract then expand. */
    public static byte[] derive(byte[] salt, byte[] ikm, byte[] info, int length) {
        return expand(extract(salt, ikm), info, length);
    }

    /** RFC 5869 2.2: PRK = HMAC(salt, IKM); an empty salt means 32 zero bytes. */
    public static byte[] extract(byte[] salt, byte[] ikm) {
        Objects.requireNonNull(ikm, "ikm");
        byte[] s = (salt == null || salt.length == 0) ? new byte[HASH_BYTES] : salt;
        return Hmac.sha256(s, ikm);
    }

    /** RFC 5869 2.3: T(i) = HMAC(PRK, T(i-1) | info | i), output the first {@code length} bytes. */
    public static byte[] expand(byte[] prk, byte[] info, int length) {
        if (length < 1 || length > 255 * HASH_BYTES) {
            throw new IllegalArgumentException("HKDF output length must be 1.." + 255 * HASH_BYTES + ", got " + length);
        }
        byte[] inf = info == null ? new byte[0] : info;
        try {
            Mac mac = Mac.getInstance(Hmac.ALGORITHM);
            mac.init(new SecretKeySpec(prk, Hmac.ALGORITHM));
            byte[] out = new byte[length];
            byte[] t = new byte[0];
            int done = 0;
            for (int i = 1; done < length; i++) {
                mac.update(t);
                mac.update(inf);
                mac.update((byte) i);
                t = mac.doFinal();
                int n = Math.min(t.length, length - done);
                System.arraycopy(t, 0, out, done, n);
                done += n;
            }
            Arrays.fill(t, (byte) 0);
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK lacks HmacSHA256", e);
        }
    }
}
