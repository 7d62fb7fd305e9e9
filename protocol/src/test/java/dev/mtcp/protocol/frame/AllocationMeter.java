package dev.mtcp.protocol.frame;

import java.lang.management.ManagementFactory;

/** Bytes allocated by the current thread (HotSpot's per-thread counter). */
final class AllocationMeter {
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private AllocationMeter() {
    }

    static long allocatedBytes() {
        return THREADS.getCurrentThreadAllocatedBytes();
    }
}
