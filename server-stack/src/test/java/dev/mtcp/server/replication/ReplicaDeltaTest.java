package dev.mtcp.server.replication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mtcp.protocol.ErrorCode;
import dev.mtcp.protocol.ProtocolException;
import org.junit.jupiter.api.Test;

class ReplicaDeltaTest {
    static ReplicaDelta base(long epoch, byte[] kc) {
        return new ReplicaDelta(epoch, true, kc, true, new byte[] {7, 7}, 10, 20, 10, 10, new byte[] {1, 2, 3},
                15, 15, new byte[] {4, 5, 6, 7, 8}, -1, -1, false, false);
    }

    @Test
    void shouldRoundTripABaseWithKeyCheckpointAndLogs() throws Exception {
        byte[] kc = new byte[32];
        kc[0] = 9;
        ReplicaDelta d = ReplicaDelta.decode(base(3, kc).encode());
        assertThat(d.base()).isTrue();
        assertThat(d.epoch()).isEqualTo(3);
        assertThat(d.connectionKey()).isEqualTo(kc);
        assertThat(d.snapshot()).containsExactly(7, 7);
        assertThat(d.inSnap()).isEqualTo(10);
        assertThat(d.outSnap()).isEqualTo(20);
        assertThat(d.input()).containsExactly(1, 2, 3);
        assertThat(d.inEnd()).isEqualTo(13);
        assertThat(d.output()).containsExactly(4, 5, 6, 7, 8);
        assertThat(d.outEnd()).isEqualTo(20);
        assertThat(d.upFin()).isEqualTo(-1);
    }

    @Test
    void shouldRoundTripADeltaWithoutCheckpointAndWithFlags() throws Exception {
        ReplicaDelta in = new ReplicaDelta(4, false, new byte[0], false, null, 0, 0, 13, 13, new byte[] {9},
                20, 20, new byte[0], 14, 20, true, true);
        ReplicaDelta d = ReplicaDelta.decode(in.encode());
        assertThat(d.base()).isFalse();
        assertThat(d.checkpoint()).isFalse();
        assertThat(d.snapshot()).isNull();
        assertThat(d.input()).containsExactly(9);
        assertThat(d.upFin()).isEqualTo(14);
        assertThat(d.downFin()).isEqualTo(20);
        assertThat(d.appDone()).isTrue();
        assertThat(d.ended()).isTrue();
    }

    @Test
    void shouldKeepAnAbsentSnapshotAbsentInACheckpoint() throws Exception {
        ReplicaDelta in = new ReplicaDelta(1, false, new byte[0], true, null, 5, 6, 5, 5, new byte[0],
                6, 6, new byte[0], -1, -1, false, false);
        assertThat(ReplicaDelta.decode(in.encode()).snapshot()).isNull();
    }

    @Test
    void shouldRejectTruncatedAndUnknownVersionDeltas() {
        byte[] bytes = base(1, new byte[32]).encode();
        byte[] cut = java.util.Arrays.copyOf(bytes, bytes.length - 3);
        assertThatThrownBy(() -> ReplicaDelta.decode(cut)).isInstanceOf(ProtocolException.class);
        bytes[0] = 9;
        assertThatThrownBy(() -> ReplicaDelta.decode(bytes)).isInstanceOf(ProtocolException.class)
                .satisfies(e -> assertThat(((ProtocolException) e).code()).isEqualTo(ErrorCode.UNSUPPORTED_VERSION));
    }
}
