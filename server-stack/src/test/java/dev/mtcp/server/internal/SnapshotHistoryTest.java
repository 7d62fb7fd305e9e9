package dev.mtcp.server.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Which checkpoint a migration may resume the app from, and how the history stays bounded. */
@Timeout(10)
class SnapshotHistoryTest {
    private static final int CHUNK = 64 * 1024;

    @Test
    void shouldPickTheNewestCheckpointTheClientAlreadyHasWhenTheInputDidNotMove() {
        SnapshotHistory h = new SnapshotHistory();
        for (int i = 0; i <= 10; i++) h.record(snap(i), 20, (long) i * CHUNK);

        assertThat(h.newestAtOrBelow(20, 3L * CHUNK + 5).orElseThrow().outSnap()).isEqualTo(3L * CHUNK);
        assertThat(h.newestAtOrBelow(20, 3L * CHUNK).orElseThrow().snapshot()).isEqualTo(snap(3));
        assertThat(h.newestAtOrBelow(20, 100L * CHUNK).orElseThrow().outSnap()).isEqualTo(10L * CHUNK);
    }

    @Test
    void shouldOfferNothingWhenTheClientHasLessThanEveryCheckpoint() {
        SnapshotHistory h = new SnapshotHistory();
        h.record(snap(1), 20, 5000);

        assertThat(h.newestAtOrBelow(20, 4999)).isEmpty();
    }

    @Test
    void shouldForgetOlderCheckpointsWhenTheAppConsumedMoreInput() {
        SnapshotHistory h = new SnapshotHistory();
        h.record(snap(1), 20, 0);
        h.record(snap(2), 20, CHUNK);
        h.record(snap(3), 40, 2L * CHUNK);     // a new request was read: the input log now starts at 40

        assertThat(h.size()).isEqualTo(1);
        assertThat(h.newestAtOrBelow(40, CHUNK)).isEmpty();
        assertThat(h.newestAtOrBelow(20, 3L * CHUNK)).as("another input position is never answered").isEmpty();
        assertThat(h.newestAtOrBelow(40, 2L * CHUNK).orElseThrow().snapshot()).isEqualTo(snap(3));
    }

    @Test
    void shouldKeepOnlyTheNewestCheckpointAtOrBelowTheClientsAck() {
        SnapshotHistory h = new SnapshotHistory();
        for (int i = 0; i <= 10; i++) h.record(snap(i), 20, (long) i * CHUNK);

        h.trim(4L * CHUNK + 1);

        assertThat(h.size()).isEqualTo(7);
        assertThat(h.newestAtOrBelow(20, 4L * CHUNK + 1).orElseThrow().outSnap()).isEqualTo(4L * CHUNK);
        assertThat(h.newestAtOrBelow(20, 4L * CHUNK - 1)).isEmpty();
    }

    @Test
    void shouldThinOutEvenlyAndKeepTheOldestWhenTheAckLagsBehindManyCheckpoints() {
        SnapshotHistory h = new SnapshotHistory();
        int n = SnapshotHistory.MAX_ENTRIES * 4;
        for (int i = 0; i <= n; i++) h.record(snap(i), 20, (long) i * CHUNK);

        assertThat(h.size()).isEqualTo(SnapshotHistory.MAX_ENTRIES);
        assertThat(h.newestAtOrBelow(20, 0).orElseThrow().outSnap()).as("the oldest is never dropped").isZero();
        assertThat(h.newestAtOrBelow(20, (long) n * CHUNK).orElseThrow().outSnap()).isEqualTo((long) n * CHUNK);
        long middle = (long) n / 2 * CHUNK;
        assertThat(middle - h.newestAtOrBelow(20, middle).orElseThrow().outSnap())
                .as("thinned evenly: a checkpoint close below any point").isLessThanOrEqualTo(8L * CHUNK);
    }

    @Test
    void shouldBoundTheSnapshotBytesItHolds() {
        SnapshotHistory h = new SnapshotHistory();
        byte[] big = new byte[100 * 1024];
        for (int i = 0; i < 10; i++) h.record(big, 20, (long) i * CHUNK);

        assertThat(h.size()).isEqualTo(2);
        assertThat(h.newestAtOrBelow(20, 0)).isPresent();
    }

    private static byte[] snap(int i) {
        return new byte[] {1, (byte) i};
    }
}
