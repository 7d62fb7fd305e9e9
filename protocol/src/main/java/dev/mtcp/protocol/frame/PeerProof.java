package dev.mtcp.protocol.frame;

import java.util.Arrays;

/**
 * PEER_PROOF (0x21), server to server: answers a challenge and (first proof only) poses the counter-challenge.
 * <pre>
 * serverId(str16, 1..64) challengeResponseMac(32) counterChallenge(bytes16: 0 or 32)
 * </pre>
 * See {@link dev.mtcp.protocol.crypto.PeerAuth} for what the MAC covers.
 */
public record PeerProof(String serverId, byte[] challengeResponseMac, byte[] counterChallenge) implements Frame {
    public PeerProof {
        Fields.string("serverId", serverId, 1, Limits.MAX_ID_BYTES);
        challengeResponseMac = Fields.bytes("challengeResponseMac", challengeResponseMac, Limits.MAC_BYTES, Limits.MAC_BYTES);
        counterChallenge = Fields.bytesOf("counterChallenge", counterChallenge, 0, Limits.CHALLENGE_BYTES);
    }

    @Override
    public FrameType type() {
        return FrameType.PEER_PROOF;
    }

    @Override
    public byte[] challengeResponseMac() {
        return challengeResponseMac.clone();
    }

    @Override
    public byte[] counterChallenge() {
        return counterChallenge.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PeerProof p && serverId.equals(p.serverId)
                && Arrays.equals(challengeResponseMac, p.challengeResponseMac)
                && Arrays.equals(counterChallenge, p.counterChallenge);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * serverId.hashCode() + Arrays.hashCode(challengeResponseMac)) + Arrays.hashCode(counterChallenge);
    }

    @Override
    public String toString() {
        return "PeerProof[serverId=" + serverId + ", counterChallenge=" + (counterChallenge.length > 0) + "]";
    }
}
