package dev.mtcp.protocol.crypto;

import dev.mtcp.protocol.ErrorCode;
import dev.mtcp.protocol.ProtocolException;
import dev.mtcp.protocol.frame.Limits;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import javax.crypto.KeyAgreement;

/** X25519 key agreement (JDK XDH); public keys travel as their raw 32 bytes (RFC 7748). */
public final class KeyExchange {
    /** DER prefix of an X25519 SubjectPublicKeyInfo; the raw key follows it. */
    private static final byte[] SPKI_PREFIX = {0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x6e, 0x03, 0x21, 0x00};

    private KeyExchange() {
    }

    public static KeyPair generate() {
        try {
            return KeyPairGenerator.getInstance("X25519").generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK lacks X25519", e);
        }
    }

    /** The raw 32-byte public key. */
    public static byte[] publicKeyBytes(KeyPair pair) {
        byte[] der = pair.getPublic().getEncoded();
        if (der.length != SPKI_PREFIX.length + Limits.PUBLIC_KEY_BYTES) {
            throw new IllegalArgumentException("not an X25519 key pair");
        }
        return Arrays.copyOfRange(der, SPKI_PREFIX.length, der.length);
    }

    /**
     * The X25519 shared secret with a peer's raw public key.
     *
     * @throws ProtocolException BAD_FIELD when the peer key is not 32 bytes or is a low-order point
     *                           (all-zero shared secret)
     */
    public static byte[] sharedSecret(PrivateKey own, byte[] peerPublicKey) throws ProtocolException {
        if (peerPublicKey == null || peerPublicKey.length != Limits.PUBLIC_KEY_BYTES) {
            throw new ProtocolException(ErrorCode.BAD_FIELD, "peer public key must be 32 bytes");
        }
        try {
            byte[] der = Arrays.copyOf(SPKI_PREFIX, SPKI_PREFIX.length + Limits.PUBLIC_KEY_BYTES);
            System.arraycopy(peerPublicKey, 0, der, SPKI_PREFIX.length, Limits.PUBLIC_KEY_BYTES);
            PublicKey peer = KeyFactory.getInstance("X25519").generatePublic(new X509EncodedKeySpec(der));
            KeyAgreement ka = KeyAgreement.getInstance("X25519");
            ka.init(own);
            ka.doPhase(peer, true);
            byte[] secret = ka.generateSecret();
            if (isAllZero(secret)) {
                throw new ProtocolException(ErrorCode.BAD_FIELD, "peer public key is a low-order point");
            }
            return secret;
        } catch (InvalidKeyException e) {
            throw new ProtocolException(ErrorCode.BAD_FIELD, "peer public key rejected: " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK lacks X25519", e);
        }
    }

    private static boolean isAllZero(byte[] b) {
        int acc = 0;
        for (byte x : b) {
            acc |= x;
        }
        return acc == 0;
    }
}
