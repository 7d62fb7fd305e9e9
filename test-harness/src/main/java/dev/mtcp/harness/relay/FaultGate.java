package dev.mtcp.harness.relay;

import com.google.common.util.concurrent.RateLimiter;
import java.util.concurrent.CountDownLatch;

/**
 * One fault setting as the pumps see it. A pump asks {@link #admit(int)} before writing a chunk:
 * a throttled gate makes it wait for its share of the rate; a stalled gate blocks it until the
 * relay's fault is replaced (then {@code admit} returns false and the pump asks the new gate).
 */
final class FaultGate {
    private final RelayFault fault;
    private final RateLimiter limiter;
    private final CountDownLatch replaced = new CountDownLatch(1);

    FaultGate(RelayFault fault) {
        this.fault = fault;
        // Guava's RateLimiter with one permit per byte; the rate is shared by all connections' pumps
        // of this gate, so a throttled server is throttled as a whole, like a slow link.
        this.limiter = fault.rateBytesPerSecond().isPresent()
                ? RateLimiter.create(fault.rateBytesPerSecond().getAsLong())
                : null;
    }

    RelayFault fault() {
        return fault;
    }

    /** At most this many bytes per read, so a slow rate releases bytes smoothly rather than in 16 KiB bursts. */
    int chunkLimit(int defaultChunk) {
        if (limiter == null) {
            return defaultChunk;
        }
        long perTenth = Math.max(512, fault.rateBytesPerSecond().getAsLong() / 10);
        return (int) Math.min(defaultChunk, perTenth);
    }

    /** True once {@code bytes} may pass; false if this gate was replaced while waiting. */
    boolean admit(int bytes) throws InterruptedException {
        if (fault.stalled()) {
            replaced.await();
            return false;
        }
        if (limiter != null) {
            limiter.acquire(bytes);
        }
        return true;
    }

    void release() {
        replaced.countDown();
    }
}
