package dev.mtcp.protocol.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mtcp.protocol.ConnectionId;
import dev.mtcp.protocol.ErrorCode;
import dev.mtcp.protocol.ProtocolException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class StateSealerTest {
    private final StateSealer sealer = new StateSealer(new GroupKey(new byte[32]));
    private final ConnectionId id = ConnectionId.random();

    @Test
    void shouldOpenWhatWasSealedWhenBoundToTheSameConnectionAndEpoch() throws Exception {
        byte[] plain = "snapshot".getBytes(StandardCharsets.UTF_8);
        byte[] sealed = sealer.seal(id, 4, plain);
        assertThat(sealed).hasSize(StateSealer.sealedLength(plain.length));
        assertThat(sealer.open(id, 4, sealed)).isEqualTo(plain);
    }

    @Test
    void shouldOpenWhatWasSealedWhenThePlaintextSpansSeveralEncryptionSlices() throws Exception {
        int slice = Aead.SLICE_BYTES;
        for (int n : new int[] {0, 1, slice - 1, slice, slice + 1, 3 * slice + 5, 4 * slice}) {
            byte[] plain = new byte[n];
            for (int i = 0; i < n; i++) plain[i] = (byte) (i * 31 + 7);
            byte[] sealed = sealer.seal(id, 9, plain);
            assertThat(sealed).hasSize(StateSealer.sealedLength(n));
            assertThat(sealer.open(id, 9, sealed)).isEqualTo(plain);
            if (n > slice) {
                byte[] t = sealed.clone();
                t[1 + 12 + slice + 1] ^= 1;      // a byte of the second slice's ciphertext
                assertCode(() -> sealer.open(id, 9, t));
            }
        }
    }

    @Test
    @DisplayName("MUST-28 sealed STATE bound to another connection, epoch or key, or tampered, does not open")
    void shouldRejectWhenTamperedOrReplayedForAnotherEpoch() {
        byte[] sealed = sealer.seal(id, 4, new byte[100]);
        assertCode(() -> sealer.open(id, 5, sealed));
        assertCode(() -> sealer.open(ConnectionId.random(), 4, sealed));
        byte[] t = sealed.clone();
        t[t.length - 1] ^= 1;
        assertCode(() -> sealer.open(id, 4, t));
        byte[] other = new byte[32];
        other[5] = 1;
        assertCode(() -> new StateSealer(new GroupKey(other)).open(id, 4, sealed));
        assertCode(() -> sealer.open(id, 4, new byte[5]));
    }

    private static void assertCode(org.assertj.core.api.ThrowableAssert.ThrowingCallable c) {
        assertThatThrownBy(c).isInstanceOf(ProtocolException.class)
                .extracting(e -> ((ProtocolException) e).code()).isEqualTo(ErrorCode.BAD_SIGNATURE);
    }
}
