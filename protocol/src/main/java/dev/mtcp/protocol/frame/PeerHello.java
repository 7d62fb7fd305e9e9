package dev.mtcp.protocol.frame;

import java.util.Arrays;

/**
 * PEER_HELLO (0x20), server to server, first frame of a peer channel (same port as clients).
 * <pre>
 * version(u16) serverId(str16, 1..64) challenge(32)
 * </pre>
 */
public record PeerHello(int version, String serverId, byte[] challenge) implements Frame {
    public PeerHello {
        Fields.range("version", version, 0, 0xFFFF);
        Fields.string("serverId", serverId, 1, Limits.MAX_ID_BYTES);
        challenge = Fields.bytes("challenge", challenge, Limits.CHALLENGE_BYTES, Limits.CHALLENGE_BYTES);
    }

    @Override
    public FrameType type() {
        return FrameType.PEER_HELLO;
    }

    @Override
    public byte[] challenge() {
        return challenge.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PeerHello p && version == p.version && serverId.equals(p.serverId)
                && Arrays.equals(challenge, p.challenge);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * version + serverId.hashCode()) + Arrays.hashCode(challenge);
    }

    @Override
    public String toString() {
        return "PeerHello[version=" + version + ", serverId=" + serverId + "]";
    }
}
