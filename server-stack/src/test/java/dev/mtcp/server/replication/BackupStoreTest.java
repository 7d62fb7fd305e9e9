package dev.mtcp.server.replication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mtcp.protocol.ConnectionId;
import dev.mtcp.protocol.ErrorCode;
import dev.mtcp.protocol.ProtocolException;
import dev.mtcp.protocol.crypto.GroupKey;
import dev.mtcp.protocol.crypto.StateSealer;
import dev.mtcp.protocol.frame.Commit;
import dev.mtcp.protocol.frame.Frame;
import dev.mtcp.protocol.frame.Reject;
import dev.mtcp.protocol.frame.Replicate;
import dev.mtcp.protocol.frame.ReplicateAck;
import dev.mtcp.server.internal.MigratableState;
import java.time.Duration;
import java.time.InstantSource;
import org.junit.jupiter.api.Test;

/** A backup's replicas: applied in sequence, fenced by epoch, handed out once per takeover. */
class BackupStoreTest {
    private final StateSealer sealer = new StateSealer(GroupKey.generate());
    private final BackupStore store = new BackupStore("s2", sealer, InstantSource.system(), Duration.ofHours(1));
    private final ConnectionId id = ConnectionId.random();
    private final byte[] kc = new byte[32];
    private static final BackupStore.ProofCheck ANY = k -> { };

    private Frame send(String from, long seq, ReplicaDelta d) {
        return store.apply(from, new Replicate(id, seq, sealer.seal(id, seq, d.encode())));
    }

    private static ReplicaDelta delta(long epoch, boolean checkpoint, long inSnap, long outSnap, long inStart, long inOff,
                                      byte[] in, long outStart, long outOff, byte[] out) {
        return new ReplicaDelta(epoch, false, new byte[0], checkpoint, checkpoint ? new byte[] {1} : null, inSnap, outSnap,
                inStart, inOff, in, outStart, outOff, out, -1, -1, false, false);
    }

    @Test
    void shouldHoldBasePlusDeltasAndHandThemOutAtTheNewEpoch() throws Exception {
        assertThat(send("s1", 1, ReplicaDeltaTest.base(1, kc))).isEqualTo(new ReplicateAck(id, 1));
        // input 10..13 + 13..15, output 15..20 + 20..22
        assertThat(send("s1", 2, delta(1, false, 0, 0, 10, 13, new byte[] {4, 5}, 15, 20, new byte[] {9, 9})))
                .isInstanceOf(ReplicateAck.class);
        MigratableState st = store.take(id, 2, 0, ANY).orElseThrow();
        assertThat(st.epoch()).isEqualTo(2);
        assertThat(st.inSnap()).isEqualTo(10);
        assertThat(st.inputLog()).containsExactly(1, 2, 3, 4, 5);
        assertThat(st.outStart()).isEqualTo(15);
        assertThat(st.outputLog()).containsExactly(4, 5, 6, 7, 8, 9, 9);
        assertThat(st.snapshot()).containsExactly(7, 7);
    }

    @Test
    void shouldTrimInputAtACheckpointAndStartOverWhenTheCheckpointIsBeyondWhatIsHeld() throws Exception {
        send("s1", 1, ReplicaDeltaTest.base(1, kc));
        // checkpoint at inSnap 100 (far past the held input end 13): the snapshot covers the gap
        assertThat(send("s1", 2, delta(1, true, 100, 20, 100, 100, new byte[] {6}, 15, 20, new byte[0])))
                .isInstanceOf(ReplicateAck.class);
        MigratableState st = store.take(id, 2, 0, ANY).orElseThrow();
        assertThat(st.inSnap()).isEqualTo(100);
        assertThat(st.inputLog()).containsExactly(6);
        assertThat(st.snapshot()).containsExactly(1);
    }

    @Test
    void shouldAnswerWithAFenceWhenTheConnectionMovedOnAndRefuseAnOlderTakeover() throws Exception {
        send("s1", 1, ReplicaDeltaTest.base(1, kc));
        store.take(id, 3, 0, ANY).orElseThrow();
        assertThat(send("s1", 2, delta(1, false, 0, 0, 10, 13, new byte[] {1}, 15, 20, new byte[0])))
                .isEqualTo(new Commit(id, 3));
        assertThatThrownBy(() -> store.take(id, 3, 0, ANY)).isInstanceOf(ProtocolException.class)
                .satisfies(e -> assertThat(((ProtocolException) e).code()).isEqualTo(ErrorCode.STALE_EPOCH));
        // the new owner bases the replica at its epoch and takes over replication
        assertThat(send("s3", 7, ReplicaDeltaTest.base(3, kc))).isEqualTo(new ReplicateAck(id, 7));
        assertThat(send("s3", 8, delta(3, false, 0, 0, 10, 13, new byte[] {1}, 15, 20, new byte[0])))
                .isInstanceOf(ReplicateAck.class);
    }

    @Test
    void shouldAnswerAnEmptyProbeWithAnAckWhileTheEpochHoldsAndWithAFenceOnceTheConnectionMovedOn() throws Exception {
        send("s1", 1, ReplicaDeltaTest.base(1, kc));
        // what an origin sends to confirm its epoch when it has nothing to replicate (carrier lost, pause)
        ReplicaDelta probe = delta(1, false, 0, 0, 10, 13, new byte[0], 15, 20, new byte[0]);
        assertThat(send("s1", 2, probe)).isEqualTo(new ReplicateAck(id, 2));
        assertThat(store.ends(id).orElseThrow()).containsExactly(13, 20, 1);
        store.take(id, 2, 0, ANY).orElseThrow();
        assertThat(send("s1", 3, probe)).isEqualTo(new Commit(id, 2));
    }

    @Test
    void shouldRejectADeltaWithoutBaseOutOfSequenceOrWithAGap() {
        assertThat(send("s1", 1, delta(1, false, 0, 0, 0, 0, new byte[] {1}, 0, 0, new byte[0]))).isInstanceOf(Reject.class);
        send("s1", 2, ReplicaDeltaTest.base(1, kc));
        assertThat(send("s1", 2, delta(1, false, 0, 0, 10, 13, new byte[] {1}, 15, 20, new byte[0]))).isInstanceOf(Reject.class);
        assertThat(send("s1", 3, delta(1, false, 0, 0, 10, 50, new byte[] {1}, 15, 20, new byte[0]))).isInstanceOf(Reject.class);
        assertThat(store.size()).isZero();
    }

    @Test
    void shouldRefuseADeltaSealedForAnotherSequence() {
        byte[] sealed = sealer.seal(id, 5, ReplicaDeltaTest.base(1, kc).encode());
        assertThat(store.apply("s1", new Replicate(id, 6, sealed))).isInstanceOf(Reject.class);
        assertThat(store.size()).isZero();
    }

    @Test
    void shouldDropTheReplicaWhenTheConnectionEnds() {
        send("s1", 1, ReplicaDeltaTest.base(1, kc));
        ReplicaDelta end = new ReplicaDelta(1, false, new byte[0], false, null, 0, 0, 13, 13, new byte[0], 20, 20,
                new byte[0], 13, 20, true, true);
        assertThat(send("s1", 2, end)).isInstanceOf(ReplicateAck.class);
        assertThat(store.size()).isZero();
    }

    @Test
    void shouldCheckTheProofWithTheReplicasKeyBeforeHandingOut() throws Exception {
        send("s1", 1, ReplicaDeltaTest.base(1, kc));
        assertThatThrownBy(() -> store.take(id, 2, 0, k -> {
            throw new ProtocolException(ErrorCode.BAD_SIGNATURE, "bad MAC");
        })).isInstanceOf(ProtocolException.class);
        assertThat(store.take(id, 2, 0, ANY)).isPresent();
    }
}
