package dev.mtcp.protocol.crypto;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM with a random 96-bit nonce. Sealed form: {@code version(u8)=1 nonce(12) ciphertext tag(16)}.
 */
final class Aead {
    static final int VERSION = 1;
    static final int NONCE_BYTES = 12;
    static final int TAG_BYTES = 16;
    static final int OVERHEAD = 1 + NONCE_BYTES + TAG_BYTES;
    /**
     * Large plaintexts are encrypted in slices of this size (same ciphertext as in one call). The JDK's
     * AES-GCM method that the JIT turns into one fused AES+GHASH instruction sequence is compiled only after
     * a few thousand calls; one call per megabyte-sized replication delta took gigabytes of traffic to get
     * there, and until then GHASH ran as plain Java at a fraction of the speed (issue 4 benchmark).
     */
    static final int SLICE_BYTES = 16 * 1024;

    private final SecretKeySpec key;
    private final SecureRandom random;

    Aead(byte[] key, SecureRandom random) {
        this.key = new SecretKeySpec(key, "AES");
        this.random = random;
    }

    byte[] seal(byte[] plaintext, byte[] aad) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BYTES * 8, nonce));
            c.updateAAD(aad);
            byte[] out = new byte[1 + NONCE_BYTES + c.getOutputSize(plaintext.length)];
            out[0] = VERSION;
            System.arraycopy(nonce, 0, out, 1, NONCE_BYTES);
            int pos = 1 + NONCE_BYTES;
            int off = 0;
            while (plaintext.length - off > SLICE_BYTES) {
                pos += c.update(plaintext, off, SLICE_BYTES, out, pos);
                off += SLICE_BYTES;
            }
            c.doFinal(plaintext, off, plaintext.length - off, out, pos);
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM failed to seal", e);
        }
    }

    /** Returns the plaintext, or throws {@link Failure} naming why it could not be opened. */
    byte[] open(byte[] sealed, byte[] aad) throws Failure {
        if (sealed.length < OVERHEAD) {
            throw new Failure("truncated: " + sealed.length + " bytes, at least " + OVERHEAD + " needed");
        }
        if (sealed[0] != VERSION) {
            throw new Failure("unknown sealing version " + (sealed[0] & 0xFF));
        }
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BYTES * 8, Arrays.copyOfRange(sealed, 1, 1 + NONCE_BYTES)));
            c.updateAAD(aad);
            return c.doFinal(sealed, 1 + NONCE_BYTES, sealed.length - 1 - NONCE_BYTES);
        } catch (AEADBadTagException e) {
            throw new Failure("authentication tag does not match (tampered, truncated or sealed under another key)");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM failed to open", e);
        }
    }

    /** Why a sealed blob could not be opened; callers map it to their ErrorCode. */
    static final class Failure extends Exception {
        private static final long serialVersionUID = 1L;

        Failure(String message) {
            super(message);
        }
    }
}
