package dev.mtcp.protocol.crypto;

import dev.mtcp.protocol.ErrorCode;
import dev.mtcp.protocol.ProtocolException;
import dev.mtcp.protocol.frame.Limits;
import dev.mtcp.protocol.frame.WireWriter;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;

/**
 * Mutual challenge–MAC between two servers of a group:
 * {@code proof = HMAC-SHA256(HKDF(group key, "mtcp peer auth v1"), "mtcp-peer-v1" || str16 responderId ||
 * str16 challengerId || challenge(32))}. Binding both ids stops reflection of a proof back to its sender.
 * Flow: A sends PEER_HELLO(A, cA); B answers PEER_PROOF(B, proof(cA, B, A), cB); A checks it and
 * answers PEER_PROOF(A, proof(cB, A, B), empty); B checks it. Thread-safe.
 */
public final class PeerAuth {
    static final String KEY_LABEL = "mtcp peer auth v1";
    private static final byte[] LABEL = "mtcp-peer-v1".getBytes(StandardCharsets.US_ASCII);

    private final byte[] key;
    private final SecureRandom random = new SecureRandom();

    public PeerAuth(GroupKey groupKey) {
        this.key = groupKey.derive(KEY_LABEL);
    }

    /** 32 fresh random bytes. */
    public byte[] newChallenge() {
        byte[] c = new byte[Limits.CHALLENGE_BYTES];
        random.nextBytes(c);
        return c;
    }

    public byte[] prove(byte[] challenge, String responderId, String challengerId) {
        if (challenge.length != Limits.CHALLENGE_BYTES) {
            throw new IllegalArgumentException("challenge must be " + Limits.CHALLENGE_BYTES + " bytes");
        }
        byte[] msg = new WireWriter(128).raw(LABEL).str16(responderId).str16(challengerId).raw(challenge).toByteArray();
        return Hmac.sha256(key, msg);
    }

    /** @throws ProtocolException PEER_AUTH_FAILED when the proof does not match */
    public void verify(byte[] challenge, String responderId, String challengerId, byte[] proof) throws ProtocolException {
        if (!Hmac.equal(prove(challenge, responderId, challengerId), proof)) {
            throw new ProtocolException(ErrorCode.PEER_AUTH_FAILED, "peer " + responderId + " failed the group-key challenge");
        }
    }
}
