package dev.mtcp.qos.observe;

import dev.mtcp.qos.metrics.ConnectionMetrics;
import java.time.Duration;
import java.util.Objects;

/** What a passive observer derives from a carrier's packets. Called on the observer's thread. */
public interface PacketObservations {
    /** Which way a segment travelled. */
    enum Direction { CLIENT_TO_SERVER, SERVER_TO_CLIENT }

    /** An RTT sample: a data segment to the first ACK covering it (never from a retransmitted range). */
    void onRttSample(Duration rtt);

    /** A segment carrying data; {@code retransmission} when it re-sends sequence space seen before. */
    void onDataSegment(Direction direction, boolean retransmission);

    /** Feeds a connection's metrics ({@link ConnectionMetrics#onObservedRtt}, {@link ConnectionMetrics#onObservedSegment}). */
    static PacketObservations into(ConnectionMetrics metrics) {
        Objects.requireNonNull(metrics, "metrics");
        return new PacketObservations() {
            @Override
            public void onRttSample(Duration rtt) {
                metrics.onObservedRtt(rtt);
            }

            @Override
            public void onDataSegment(Direction direction, boolean retransmission) {
                metrics.onObservedSegment(retransmission);
            }
        };
    }
}
