package dev.mtcp.qos.decision;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * What is known about one alternate server: a {@link TargetProber} result, or just that it exists.
 *
 * @param serverId             the alternate's id
 * @param reachable            false when the last probe failed
 * @param rtt                  RTT measured on the PROBE carrier
 * @param goodputBitsPerSecond a short downstream goodput sample on the PROBE carrier
 * @param loadPermille         the load the alternate reported in its PONG (0..1000)
 * @param measuredAt           when measured; {@code Instant.MIN} for an alternate never probed
 */
public record CandidateInfo(String serverId, boolean reachable, Optional<Duration> rtt,
                            OptionalLong goodputBitsPerSecond, OptionalInt loadPermille, Instant measuredAt) {
    public CandidateInfo {
        Objects.requireNonNull(serverId, "serverId");
        Objects.requireNonNull(rtt, "rtt");
        Objects.requireNonNull(goodputBitsPerSecond, "goodputBitsPerSecond");
        Objects.requireNonNull(loadPermille, "loadPermille");
        Objects.requireNonNull(measuredAt, "measuredAt");
    }

    /** An alternate the client knows about (e.g. from WELCOME) but has not measured. */
    public static CandidateInfo known(String serverId) {
        return new CandidateInfo(serverId, true, Optional.empty(), OptionalLong.empty(), OptionalInt.empty(), Instant.MIN);
    }

    /** A probe result. */
    public static CandidateInfo measured(String serverId, Duration rtt, long goodputBitsPerSecond, int loadPermille,
                                         Instant at) {
        return new CandidateInfo(serverId, true, Optional.of(rtt), OptionalLong.of(goodputBitsPerSecond),
                OptionalInt.of(loadPermille), at);
    }

    /** A probe that failed. */
    public static CandidateInfo unreachable(String serverId, Instant at) {
        return new CandidateInfo(serverId, false, Optional.empty(), OptionalLong.empty(), OptionalInt.empty(), at);
    }

    boolean freshAt(Instant now, Duration maxAge) {
        return !measuredAt.equals(Instant.MIN) && !measuredAt.plus(maxAge).isBefore(now);
    }
}
