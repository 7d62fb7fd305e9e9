package dev.mtcp.tools.trace;

import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Puts one direction of a captured TCP connection back in order: drops retransmitted bytes it
 * already delivered, holds early segments until the gap before them is filled (up to a bound), and
 * hands contiguous bytes on. Sequence numbers are unwrapped to 64-bit stream offsets.
 */
final class StreamReassembler {
    private static final long WRAP = 1L << 32;

    private final long initialSequence;
    private final long maxHeldBytes;
    private final Consumer<byte[]> sink;
    private final TreeMap<Long, byte[]> held = new TreeMap<>();
    private long delivered;
    private long heldBytes;

    /** @param initialSequence the sequence number of the first payload byte (ISN + 1 after a SYN) */
    StreamReassembler(long initialSequence, long maxHeldBytes, Consumer<byte[]> sink) {
        this.initialSequence = initialSequence;
        this.maxHeldBytes = maxHeldBytes;
        this.sink = sink;
    }

    /** Offers a segment's payload; returns false if the reassembler had to give up (too much held out of order). */
    boolean offer(long sequence, byte[] payload) {
        if (payload.length == 0) {
            return true;
        }
        long offset = unwrap(sequence);
        long end = offset + payload.length;
        if (end <= delivered) {
            return true; // a retransmission of bytes already delivered
        }
        if (offset > delivered) {
            held.merge(offset, payload, (a, b) -> a.length >= b.length ? a : b);
            heldBytes += payload.length;
            return heldBytes <= maxHeldBytes;
        }
        deliver(offset, payload);
        drainHeld();
        return true;
    }

    long delivered() {
        return delivered;
    }

    private void deliver(long offset, byte[] payload) {
        int skip = (int) (delivered - offset);
        byte[] fresh = skip == 0 ? payload : java.util.Arrays.copyOfRange(payload, skip, payload.length);
        delivered += fresh.length;
        sink.accept(fresh);
    }

    private void drainHeld() {
        while (!held.isEmpty() && held.firstKey() <= delivered) {
            Map.Entry<Long, byte[]> next = held.pollFirstEntry();
            heldBytes -= next.getValue().length;
            if (next.getKey() + next.getValue().length > delivered) {
                deliver(next.getKey(), next.getValue());
            }
        }
    }

    /** The 64-bit stream offset nearest to what was delivered whose low 32 bits match {@code sequence}. */
    private long unwrap(long sequence) {
        long relative = (sequence - initialSequence) & (WRAP - 1);
        long candidate = (delivered & ~(WRAP - 1)) | relative;
        if (candidate - delivered > WRAP / 2) {
            candidate -= WRAP;
        } else if (delivered - candidate > WRAP / 2) {
            candidate += WRAP;
        }
        return candidate;
    }
}
