package dev.mtcp.server.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.net.InetAddress;
import java.time.Duration;
import java.time.InstantSource;

/** A token bucket per source address for HELLOs (design §5: rate limits per source address). */
public final class HelloRateLimiter {
    private final Cache<InetAddress, Bucket> buckets;
    private final InstantSource clock;
    private final double perNano;
    private final double burst;

    private static final class Bucket {
        double tokens;
        long lastNanos;
    }

    public HelloRateLimiter(int perSecond, int burst, InstantSource clock) {
        this.clock = clock;
        this.perNano = perSecond / 1e9;
        this.burst = burst;
        this.buckets = Caffeine.newBuilder().maximumSize(100_000).expireAfterAccess(Duration.ofMinutes(5)).build();
    }

    /** True when {@code source} may send one more HELLO now. */
    public boolean tryAcquire(InetAddress source) {
        long now = nanos();
        Bucket b = buckets.get(source, k -> {
            Bucket n = new Bucket();
            n.tokens = burst;
            n.lastNanos = now;
            return n;
        });
        synchronized (b) {
            b.tokens = Math.min(burst, b.tokens + (now - b.lastNanos) * perNano);
            b.lastNanos = now;
            if (b.tokens < 1) return false;
            b.tokens -= 1;
            return true;
        }
    }

    private long nanos() {
        var i = clock.instant();
        return i.getEpochSecond() * 1_000_000_000L + i.getNano();
    }
}
