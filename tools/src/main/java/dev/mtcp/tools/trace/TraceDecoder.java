package dev.mtcp.tools.trace;

import dev.mtcp.protocol.ConnectionId;
import dev.mtcp.protocol.ProtocolException;
import dev.mtcp.protocol.frame.Frame;
import dev.mtcp.protocol.frame.FrameReader;
import dev.mtcp.protocol.frame.Limits;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Turns captured TCP segments of carriers on one port into frame lines. Each TCP direction is
 * reassembled and decoded on its own; both directions of a connection share the connection id
 * once a HELLO MIGRATE, WELCOME or peer frame names it. A flow whose SYN was not captured is
 * reported once and not decoded (frame boundaries are unknown mid-stream).
 */
final class TraceDecoder {
    private static final long MAX_HELD_BYTES = 8L << 20;

    private final int port;
    private final Consumer<String> out;
    private final Map<FlowKey, Direction> directions = new HashMap<>();
    private final Map<FlowKey, ConnectionId> connections = new HashMap<>();
    private final Set<FlowKey> skipped = new HashSet<>();
    private long frames;

    /** One direction of one TCP connection. */
    private record FlowKey(InetSocketAddress from, InetSocketAddress to) {
        FlowKey reversed() {
            return new FlowKey(to, from);
        }

        FlowKey canonical() {
            return from.toString().compareTo(to.toString()) <= 0 ? this : reversed();
        }
    }

    TraceDecoder(int port, Consumer<String> out) {
        this.port = port;
        this.out = out;
    }

    long framesDecoded() {
        return frames;
    }

    void onSegment(TcpSegment s) {
        FlowKey key = new FlowKey(s.source(), s.destination());
        if (s.syn()) {
            directions.put(key, new Direction(key, s.sequence() + 1));
            return;
        }
        Direction d = directions.get(key);
        if (d == null) {
            if (s.payload().length > 0 && skipped.add(key)) {
                out.accept("-- " + key.from() + " -> " + key.to()
                        + ": joined mid-stream (SYN not captured), frames of this flow are not decoded");
            }
            return;
        }
        d.offer(s);
        if (s.rst() || s.fin()) {
            d.ended = true;
        }
    }

    private final class Direction {
        private final FlowKey key;
        private final StreamReassembler reassembler;
        private ByteBuffer pending = ByteBuffer.allocate(64 * 1024);
        private boolean broken;
        private boolean ended;

        private Direction(FlowKey key, long firstSequence) {
            this.key = key;
            this.reassembler = new StreamReassembler(firstSequence, MAX_HELD_BYTES, this::decode);
        }

        void offer(TcpSegment s) {
            if (broken || ended) {
                return;
            }
            if (!reassembler.offer(s.sequence(), s.payload())) {
                fail("more than " + (MAX_HELD_BYTES >> 20) + " MiB out of order; capture lost packets");
            }
        }

        private void decode(byte[] bytes) {
            if (broken) {
                return;
            }
            if (!ensureRoom(bytes.length)) {
                return;
            }
            pending.put(bytes);
            pending.flip();
            try {
                Optional<Frame> frame;
                while ((frame = FrameReader.tryDecode(pending)).isPresent()) {
                    emit(frame.get());
                }
            } catch (ProtocolException e) {
                fail("not mtcp frames (" + e.getMessage() + ")");
            }
            pending.compact();
        }

        private void emit(Frame frame) {
            FlowKey conn = key.canonical();
            FrameLine.connectionOf(frame).ifPresent(id -> connections.put(conn, id));
            boolean towardsPort = key.to().getPort() == port;
            out.accept(FrameLine.format(towardsPort, frame, Optional.ofNullable(connections.get(conn))));
            frames++;
        }

        private boolean ensureRoom(int more) {
            if (pending.remaining() >= more) {
                return true;
            }
            int needed = pending.position() + more;
            if (needed > Limits.MAX_STATE_BYTES + Limits.HEADER_BYTES) {
                fail("a frame larger than the protocol allows");
                return false;
            }
            ByteBuffer bigger = ByteBuffer.allocate(Math.max(needed, pending.capacity() * 2));
            pending.flip();
            bigger.put(pending);
            pending = bigger;
            return true;
        }

        private void fail(String why) {
            broken = true;
            out.accept("-- " + key.from() + " -> " + key.to() + ": stopped decoding: " + why);
        }
    }
}
