package dev.mtcp.qos.observe;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * Turns a carrier's TCP segments (both directions) into RTT samples and retransmissions, the way
 * a passive observer can: a data segment whose sequence range starts before the highest sequence
 * already sent that way is a retransmission; an RTT sample is the time from a data segment to the
 * first ACK from the other side that covers it, skipping ranges that were retransmitted (Karn).
 * Sequence numbers compare in 32-bit serial arithmetic, so wrap-around is handled.
 * Not thread-safe: the observer's capture thread owns it.
 */
final class SegmentTracker {
    private static final int MAX_OUTSTANDING = 4096;

    /** One captured TCP segment, reduced to what the tracker needs. */
    record Segment(PacketObservations.Direction direction, long seq, int payloadBytes, boolean syn, boolean fin,
                   boolean hasAck, long ack, long timestampNanos) { }

    private record Outstanding(long endSeq, long sentNanos) { }

    private static final class Side {
        boolean started;
        long highestEnd;
        final ArrayDeque<Outstanding> outstanding = new ArrayDeque<>();
    }

    private final Map<PacketObservations.Direction, Side> sides = new EnumMap<>(PacketObservations.Direction.class);
    private final PacketObservations sink;

    SegmentTracker(PacketObservations sink) {
        this.sink = Objects.requireNonNull(sink, "sink");
        for (PacketObservations.Direction d : PacketObservations.Direction.values()) {
            sides.put(d, new Side());
        }
    }

    void onSegment(Segment s) {
        if (s.hasAck()) {
            acknowledge(sides.get(other(s.direction())), s.ack(), s.timestampNanos());
        }
        long length = s.payloadBytes() + (s.syn() ? 1 : 0) + (s.fin() ? 1 : 0);
        if (length == 0) {
            return;
        }
        Side side = sides.get(s.direction());
        long seq = s.seq() & 0xffffffffL;
        long end = (seq + length) & 0xffffffffL;
        boolean retransmission = side.started && before(seq, side.highestEnd);
        if (retransmission) {
            // Karn: every outstanding range from this sequence on is now ambiguous.
            side.outstanding.removeIf(o -> after(o.endSeq(), seq));
        } else {
            if (side.outstanding.size() == MAX_OUTSTANDING) {
                side.outstanding.removeFirst();
            }
            side.outstanding.addLast(new Outstanding(end, s.timestampNanos()));
        }
        if (!side.started || after(end, side.highestEnd)) {
            side.highestEnd = end;
            side.started = true;
        }
        if (s.payloadBytes() > 0) {
            sink.onDataSegment(s.direction(), retransmission);
        }
    }

    private void acknowledge(Side side, long ack, long nowNanos) {
        long a = ack & 0xffffffffL;
        Outstanding covered = null;
        while (!side.outstanding.isEmpty() && !after(side.outstanding.peekFirst().endSeq(), a)) {
            covered = side.outstanding.removeFirst();
        }
        if (covered != null && nowNanos >= covered.sentNanos()) {
            sink.onRttSample(Duration.ofNanos(nowNanos - covered.sentNanos()));
        }
    }

    private static PacketObservations.Direction other(PacketObservations.Direction d) {
        return d == PacketObservations.Direction.CLIENT_TO_SERVER
                ? PacketObservations.Direction.SERVER_TO_CLIENT : PacketObservations.Direction.CLIENT_TO_SERVER;
    }

    /** {@code a < b} in 32-bit serial number arithmetic. */
    static boolean before(long a, long b) {
        return (int) (a - b) < 0;
    }

    static boolean after(long a, long b) {
        return (int) (a - b) > 0;
    }
}
