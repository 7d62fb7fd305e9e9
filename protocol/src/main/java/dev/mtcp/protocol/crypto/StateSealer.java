package dev.mtcp.protocol.crypto;

import dev.mtcp.protocol.ConnectionId;
import dev.mtcp.protocol.ErrorCode;
import dev.mtcp.protocol.ProtocolException;
import dev.mtcp.protocol.frame.WireWriter;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Objects;

/**
 * Seals arbitrary bytes (migratable state, replication deltas) with AES-256-GCM under
 * {@code HKDF(group key, "mtcp state key v1")}, random nonce. The AAD binds the blob to its use; the
 * {@link #seal(ConnectionId, long, byte[])} form binds it to a connection and an epoch/sequence so a
 * blob cannot be replayed for another connection or epoch. Thread-safe.
 */
public final class StateSealer {
    static final String KEY_LABEL = "mtcp state key v1";
    private static final byte[] LABEL = "mtcp-state-v1".getBytes(StandardCharsets.US_ASCII);

    private final Aead aead;

    public StateSealer(GroupKey groupKey) {
        this.aead = new Aead(groupKey.derive(KEY_LABEL), new SecureRandom());
    }

    /** Sealed size for a plaintext of {@code n} bytes. */
    public static int sealedLength(int n) {
        return n + Aead.OVERHEAD;
    }

    public byte[] seal(byte[] plaintext, byte[] aad) {
        return aead.seal(Objects.requireNonNull(plaintext, "plaintext"), aad(aad));
    }

    /**
     * @throws ProtocolException BAD_SIGNATURE when the blob is truncated, tampered or bound to other AAD
     */
    public byte[] open(byte[] sealed, byte[] aad) throws ProtocolException {
        try {
            return aead.open(Objects.requireNonNull(sealed, "sealed"), aad(aad));
        } catch (Aead.Failure f) {
            throw new ProtocolException(ErrorCode.BAD_SIGNATURE, "sealed state cannot be opened: " + f.getMessage());
        }
    }

    /** Seals bound to (connection id, epoch or sequence). */
    public byte[] seal(ConnectionId id, long epochOrSequence, byte[] plaintext) {
        return seal(plaintext, binding(id, epochOrSequence));
    }

    /** Opens a blob sealed with {@link #seal(ConnectionId, long, byte[])}. */
    public byte[] open(ConnectionId id, long epochOrSequence, byte[] sealed) throws ProtocolException {
        return open(sealed, binding(id, epochOrSequence));
    }

    private static byte[] binding(ConnectionId id, long n) {
        return new WireWriter(24).id(id).i64(n).toByteArray();
    }

    private static byte[] aad(byte[] aad) {
        byte[] a = aad == null ? new byte[0] : aad;
        return new WireWriter(LABEL.length + a.length).raw(LABEL).raw(a).toByteArray();
    }
}
