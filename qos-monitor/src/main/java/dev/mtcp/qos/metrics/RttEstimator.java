package dev.mtcp.qos.metrics;

import java.time.Duration;
import java.util.Optional;

/**
 * Smoothed RTT and RTT variance per RFC 6298 section 2: the first sample sets
 * {@code SRTT = R, RTTVAR = R/2}; later ones {@code RTTVAR = 3/4 RTTVAR + 1/4 |SRTT - R|},
 * {@code SRTT = 7/8 SRTT + 1/8 R}. Not thread-safe.
 */
final class RttEstimator {
    private double srttNanos;
    private double rttVarNanos;
    private long latestNanos;
    private long samples;

    void add(Duration sample) {
        long r = sample.toNanos();
        if (r < 0) {
            throw new IllegalArgumentException("RTT sample must not be negative: " + sample);
        }
        if (samples == 0) {
            srttNanos = r;
            rttVarNanos = r / 2.0;
        } else {
            rttVarNanos = 0.75 * rttVarNanos + 0.25 * Math.abs(srttNanos - r);
            srttNanos = 0.875 * srttNanos + 0.125 * r;
        }
        latestNanos = r;
        samples++;
    }

    Optional<Duration> srtt() {
        return samples == 0 ? Optional.empty() : Optional.of(Duration.ofNanos(Math.round(srttNanos)));
    }

    Optional<Duration> rttVar() {
        return samples == 0 ? Optional.empty() : Optional.of(Duration.ofNanos(Math.round(rttVarNanos)));
    }

    Optional<Duration> latest() {
        return samples == 0 ? Optional.empty() : Optional.of(Duration.ofNanos(latestNanos));
    }

    void reset() {
        samples = 0;
        srttNanos = 0;
        rttVarNanos = 0;
        latestNanos = 0;
    }
}
