package dev.mtcp.qos.observe;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Records what an observer reports; thread-safe (the capture thread writes, the test reads). */
final class RecordingObservations implements PacketObservations {
    private final List<Duration> rtts = new ArrayList<>();
    private final List<Direction> segments = new ArrayList<>();
    private final List<Direction> retransmissions = new ArrayList<>();

    @Override
    public synchronized void onRttSample(Duration rtt) {
        rtts.add(rtt);
    }

    @Override
    public synchronized void onDataSegment(Direction direction, boolean retransmission) {
        segments.add(direction);
        if (retransmission) {
            retransmissions.add(direction);
        }
    }

    synchronized List<Duration> rtts() {
        return List.copyOf(rtts);
    }

    synchronized List<Direction> segments() {
        return List.copyOf(segments);
    }

    synchronized List<Direction> retransmissions() {
        return List.copyOf(retransmissions);
    }
}
