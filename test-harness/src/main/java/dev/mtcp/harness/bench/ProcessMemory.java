package dev.mtcp.harness.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;

/**
 * The memory this JVM process uses: heap in use right after a full collection (MemoryMXBean) and the
 * resident set size from {@code /proc/self/status} (VmRSS).
 */
public record ProcessMemory(long heapUsedBytes, long rssBytes) {

    /** Collects garbage (several times, so finalizable and weakly reachable objects go too), then measures. */
    public static ProcessMemory measureAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        return new ProcessMemory(heap, currentRssBytes());
    }

    /** VmRSS of this process in bytes; 0 where {@code /proc} is not available. */
    static long currentRssBytes() {
        return MachineInfo.procField(Path.of("/proc/self/status"), "VmRSS")
                .map(v -> Long.parseLong(v.replace("kB", "").trim()) * 1024)
                .orElse(0L);
    }
}
