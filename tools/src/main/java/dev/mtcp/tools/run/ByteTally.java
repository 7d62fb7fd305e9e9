package dev.mtcp.tools.run;

import java.util.HashMap;
import java.util.Map;

/**
 * Turns per-connection byte counts (which vanish with their connection) into monotonic totals for
 * {@code mtcp_bytes_total}: each {@link #sample} adds what every live connection carried since the
 * previous sample. Bytes a connection carried after the last sample before it closed are not counted.
 */
final class ByteTally {
    private Map<String, long[]> last = new HashMap<>();
    private long up;
    private long down;

    /** One sample of the live connections: id → {bytesUp, bytesDown}. */
    synchronized void sample(Map<String, long[]> now) {
        Map<String, long[]> next = new HashMap<>();
        now.forEach((id, bytes) -> {
            long[] before = last.getOrDefault(id, new long[2]);
            up += Math.max(0, bytes[0] - before[0]);
            down += Math.max(0, bytes[1] - before[1]);
            next.put(id, new long[] {Math.max(before[0], bytes[0]), Math.max(before[1], bytes[1])});
        });
        last = next;
    }

    synchronized long up() {
        return up;
    }

    synchronized long down() {
        return down;
    }
}
