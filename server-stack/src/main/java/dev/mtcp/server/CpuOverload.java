package dev.mtcp.server;

import java.lang.management.ManagementFactory;
import java.util.Objects;
import java.util.function.DoubleSupplier;

/**
 * A server's CPU overload threshold: while the machine's CPU is busy at or above {@code percent}, the
 * server reports at least that load in PONG and hints NEW connections away (MIGRATE_HINT OVERLOAD),
 * as it does beyond its connection capacity. {@link #OFF} disables it.
 *
 * @param percent 1..100, or 0 for off
 * @param cpuLoad the machine's recent CPU load, 0..1 (negative or NaN: unknown, never overloaded);
 *                {@link #systemCpuLoad()} reads it from the JVM
 */
public record CpuOverload(int percent, DoubleSupplier cpuLoad) {
    /** No CPU threshold: only the connection capacity counts. */
    public static final CpuOverload OFF = new CpuOverload(0, () -> Double.NaN);

    public CpuOverload {
        if (percent < 0 || percent > 100) {
            throw new IllegalArgumentException("CPU overload threshold must be 1..100 percent (0 = off), got " + percent);
        }
        Objects.requireNonNull(cpuLoad, "cpuLoad");
    }

    /** A threshold on the whole machine's CPU load, as the JVM measures it. */
    public static CpuOverload atPercent(int percent) {
        return new CpuOverload(percent, systemCpuLoad());
    }

    public boolean enabled() {
        return percent > 0;
    }

    /** The CPU load in permille (0..1000), or -1 when off or unknown. */
    public int loadPermille() {
        if (!enabled()) return -1;
        double load = cpuLoad.getAsDouble();
        return Double.isNaN(load) || load < 0 ? -1 : (int) Math.round(Math.min(1.0, load) * 1000);
    }

    /** Whether the CPU is at or above the threshold now. */
    public boolean overloaded() {
        int permille = loadPermille();
        return permille >= 0 && permille >= percent * 10;
    }

    /**
     * The machine's recent CPU load (0..1) from {@code com.sun.management.OperatingSystemMXBean}, NaN where
     * missing. Read at most every {@link SampledLoad#PERIOD_NANOS}: every PONG asks, and each reading
     * parses {@code /proc/stat}.
     */
    public static DoubleSupplier systemCpuLoad() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return new SampledLoad(os::getCpuLoad);
        }
        return () -> Double.NaN;
    }

    /** Caches a load reading for a quarter of a second. */
    private static final class SampledLoad implements DoubleSupplier {
        static final long PERIOD_NANOS = 250_000_000L;
        private final DoubleSupplier source;
        private volatile double last = Double.NaN;
        private volatile long readAtNanos;
        private volatile boolean read;

        SampledLoad(DoubleSupplier source) {
            this.source = source;
        }

        @Override
        public double getAsDouble() {
            long now = System.nanoTime();
            if (!read || now - readAtNanos >= PERIOD_NANOS) {
                synchronized (this) {
                    if (!read || now - readAtNanos >= PERIOD_NANOS) {
                        last = source.getAsDouble();
                        readAtNanos = now;
                        read = true;
                    }
                }
            }
            return last;
        }
    }
}
