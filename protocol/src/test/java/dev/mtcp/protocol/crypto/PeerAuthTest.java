package dev.mtcp.protocol.crypto;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mtcp.protocol.ErrorCode;
import dev.mtcp.protocol.ProtocolException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class PeerAuthTest {
    private final GroupKey group = GroupKey.generate();

    @Test
    @DisplayName("MUST-30 peers of one group prove the group key to each other")
    void shouldVerifyBothProofsWhenPeersShareTheGroupKey() throws Exception {
        PeerAuth a = new PeerAuth(group);
        PeerAuth b = new PeerAuth(group);
        byte[] cA = a.newChallenge();
        byte[] proofB = b.prove(cA, "s2", "s1");
        a.verify(cA, "s2", "s1", proofB);
        byte[] cB = b.newChallenge();
        b.verify(cB, "s1", "s2", a.prove(cB, "s1", "s2"));
    }

    @Test
    @DisplayName("MUST-30 a proof from another group, or reflected with swapped ids, is PEER_AUTH_FAILED")
    void shouldRejectWhenTheKeyDiffersOrTheProofIsReflected() {
        PeerAuth a = new PeerAuth(group);
        PeerAuth stranger = new PeerAuth(GroupKey.generate());
        byte[] c = a.newChallenge();
        assertFails(() -> a.verify(c, "s2", "s1", stranger.prove(c, "s2", "s1")));
        assertFails(() -> a.verify(c, "s2", "s1", a.prove(c, "s1", "s2")));
    }

    private static void assertFails(org.assertj.core.api.ThrowableAssert.ThrowingCallable c) {
        assertThatThrownBy(c).isInstanceOf(ProtocolException.class)
                .extracting(e -> ((ProtocolException) e).code()).isEqualTo(ErrorCode.PEER_AUTH_FAILED);
    }
}
