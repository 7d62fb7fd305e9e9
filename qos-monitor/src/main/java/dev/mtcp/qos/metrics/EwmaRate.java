package dev.mtcp.qos.metrics;

/**
 * A time-decayed exponentially weighted rate. Each arrival of {@code n} units after {@code dt}
 * moves the estimate towards {@code n/dt} with weight {@code 1 - exp(-dt/tau)}, where
 * {@code tau = halfLife / ln 2}; with no arrivals the estimate decays by {@code exp(-dt/tau)}.
 *
 * <p>Until the first arrival that comes a positive time after {@link #start}, the estimate is the
 * plain average since the start, so a fresh estimator does not ramp up from zero (which would make
 * a healthy new carrier look slow for several half-lives). Not thread-safe.
 */
final class EwmaRate {
    private final double tauNanos;
    private double ratePerSecond;
    private long startNanos;
    private long lastNanos;
    private long pendingAmount;
    private boolean initialized;

    EwmaRate(long halfLifeNanos, long nowNanos) {
        this.tauNanos = halfLifeNanos / Math.log(2);
        start(nowNanos);
    }

    /** Forgets everything and starts measuring afresh at {@code nowNanos}. */
    void start(long nowNanos) {
        ratePerSecond = 0;
        startNanos = nowNanos;
        lastNanos = nowNanos;
        pendingAmount = 0;
        initialized = false;
    }

    void add(long nowNanos, long amount) {
        long dt = Math.max(0, nowNanos - lastNanos);
        if (!initialized) {
            pendingAmount += amount;
            long sinceStart = nowNanos - startNanos;
            if (sinceStart > 0) {
                ratePerSecond = pendingAmount * 1e9 / sinceStart;
                initialized = true;
                lastNanos = nowNanos;
            }
            return;
        }
        double decay = Math.exp(-dt / tauNanos);
        double contribution = dt == 0 ? amount * 1e9 / tauNanos : (1 - decay) * (amount * 1e9 / dt);
        ratePerSecond = ratePerSecond * decay + contribution;
        lastNanos = Math.max(lastNanos, nowNanos);
    }

    /** The estimate at {@code nowNanos} (decayed since the last arrival), per second. */
    double ratePerSecond(long nowNanos) {
        if (!initialized) {
            long sinceStart = nowNanos - startNanos;
            return sinceStart > 0 ? pendingAmount * 1e9 / sinceStart : 0;
        }
        long dt = Math.max(0, nowNanos - lastNanos);
        return ratePerSecond * Math.exp(-dt / tauNanos);
    }
}
