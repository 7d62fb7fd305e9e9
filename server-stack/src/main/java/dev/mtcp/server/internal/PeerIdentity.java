package dev.mtcp.server.internal;

import dev.mtcp.protocol.ProtocolException;
import dev.mtcp.protocol.crypto.PeerAuth;

/**
 * Mutual challenge–MAC on a peer channel. The two proofs are bound to their role ("initiator:" or
 * "responder:" before the prover's id), so a proof obtained by opening a channel to one server can
 * never be reflected as the answer to another server's challenge.
 */
public final class PeerIdentity {
    private final PeerAuth auth;

    public PeerIdentity(PeerAuth auth) {
        this.auth = auth;
    }

    public byte[] newChallenge() { return auth.newChallenge(); }

    public byte[] proveAsResponder(byte[] challenge, String selfId, String initiatorId) {
        return auth.prove(challenge, "responder:" + selfId, initiatorId);
    }

    public byte[] proveAsInitiator(byte[] challenge, String selfId, String responderId) {
        return auth.prove(challenge, "initiator:" + selfId, responderId);
    }

    public void verifyResponder(byte[] challenge, String responderId, String selfId, byte[] proof) throws ProtocolException {
        auth.verify(challenge, "responder:" + responderId, selfId, proof);
    }

    public void verifyInitiator(byte[] challenge, String initiatorId, String selfId, byte[] proof) throws ProtocolException {
        auth.verify(challenge, "initiator:" + initiatorId, selfId, proof);
    }
}
