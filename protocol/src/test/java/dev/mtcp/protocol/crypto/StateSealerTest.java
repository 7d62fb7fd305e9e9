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
