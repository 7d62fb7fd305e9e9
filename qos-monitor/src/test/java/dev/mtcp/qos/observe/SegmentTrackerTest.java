package dev.mtcp.qos.observe;

import static dev.mtcp.qos.observe.PacketObservations.Direction.CLIENT_TO_SERVER;
import static dev.mtcp.qos.observe.PacketObservations.Direction.SERVER_TO_CLIENT;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class SegmentTrackerTest {
    private static final long MS = 1_000_000L;
    private final RecordingObservations seen = new RecordingObservations();
    private final SegmentTracker tracker = new SegmentTracker(seen);

    private void data(PacketObservations.Direction dir, long seq, int len, long atMs) {
        tracker.onSegment(new SegmentTracker.Segment(dir, seq, len, false, false, true, 1, atMs * MS));
    }

    private void ack(PacketObservations.Direction dir, long ack, long atMs) {
        tracker.onSegment(new SegmentTracker.Segment(dir, 1, 0, false, false, true, ack, atMs * MS));
    }

    @Test
    void shouldSampleRttWhenAckCoversDataSegment() {
        data(SERVER_TO_CLIENT, 1000, 100, 0);
        data(SERVER_TO_CLIENT, 1100, 100, 5);
        ack(CLIENT_TO_SERVER, 1200, 40);          // covers both: sample from the newest covered (5 ms)
        assertThat(seen.rtts()).containsExactly(Duration.ofMillis(35));
        assertThat(seen.retransmissions()).isEmpty();
        assertThat(seen.segments()).containsExactly(SERVER_TO_CLIENT, SERVER_TO_CLIENT);
    }

    @Test
    void shouldNotSampleWhenAckCoversNothingNew() {
        data(CLIENT_TO_SERVER, 1, 10, 0);
        ack(SERVER_TO_CLIENT, 1, 10);
        assertThat(seen.rtts()).isEmpty();
        ack(SERVER_TO_CLIENT, 11, 20);
        ack(SERVER_TO_CLIENT, 11, 30);            // duplicate ACK: no second sample
        assertThat(seen.rtts()).containsExactly(Duration.ofMillis(20));
    }

    @Test
    void shouldCountRetransmissionAndSkipItsRttWhenSequenceSeenAgain() {
        data(SERVER_TO_CLIENT, 1000, 100, 0);
        data(SERVER_TO_CLIENT, 1100, 100, 1);
        data(SERVER_TO_CLIENT, 1000, 100, 200);   // the first segment again: a retransmission
        ack(CLIENT_TO_SERVER, 1200, 210);         // Karn: no sample from an ambiguous range
        assertThat(seen.retransmissions()).containsExactly(SERVER_TO_CLIENT);
        assertThat(seen.rtts()).isEmpty();
        data(SERVER_TO_CLIENT, 1200, 100, 220);
        ack(CLIENT_TO_SERVER, 1300, 230);
        assertThat(seen.rtts()).containsExactly(Duration.ofMillis(10));
    }

    @Test
    void shouldHandleSequenceWrapWhenNear32BitLimit() {
        long nearEnd = 0xffffffffL - 49;
        data(CLIENT_TO_SERVER, nearEnd, 100, 0);   // ends at 50 after wrapping
        data(CLIENT_TO_SERVER, 50, 100, 1);
        assertThat(seen.retransmissions()).isEmpty();
        ack(SERVER_TO_CLIENT, 150, 9);
        assertThat(seen.rtts()).containsExactly(Duration.ofMillis(8));
        data(CLIENT_TO_SERVER, nearEnd, 100, 20);
        assertThat(seen.retransmissions()).containsExactly(CLIENT_TO_SERVER);
    }

    @Test
    void shouldCountSynInSequenceSpaceWhenHandshakeIsCaptured() {
        tracker.onSegment(new SegmentTracker.Segment(CLIENT_TO_SERVER, 100, 0, true, false, false, 0, 0));
        tracker.onSegment(new SegmentTracker.Segment(SERVER_TO_CLIENT, 500, 0, true, false, true, 101, 3 * MS));
        assertThat(seen.rtts()).containsExactly(Duration.ofMillis(3));
        assertThat(seen.segments()).isEmpty();
    }
}
