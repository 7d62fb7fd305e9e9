package dev.mtcp.qos.metrics;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * What {@link ConnectionMetrics} knows about one connection at one instant. Immutable.
 *
 * @param at                  when the snapshot was taken (the metrics' clock)
 * @param age                 time since the connection opened
 * @param carrierAge          time since the current carrier started (open or last migration)
 * @param down                downstream (server to client) goodput
 * @param up                  upstream (client to server) goodput
 * @param downstreamDemand    true when downstream data is expected (a request is pending, the server
 *                            has data outstanding) or arrived within the window; goodput triggers
 *                            only judge a connection with demand, so an idle connection is not "slow"
 * @param rtt                 smoothed session RTT from PING/PONG (RFC 6298 SRTT), empty before a sample
 * @param rttVar              RTT variance of the PING/PONG samples
 * @param carrierRtt          the carrier's RTT as the kernel (TCP_INFO) or the pcap observer sees it
 * @param carrierRttVar       the carrier's RTT variance (TCP_INFO), when known
 * @param retransRate         retransmitted / sent segments within the window (0..1), empty without segments
 * @param segmentsInWindow    segments counted for {@code retransRate}
 * @param retransInWindow     retransmissions counted for {@code retransRate}
 * @param stall               how long downstream has made no progress while data was expected (zero otherwise)
 * @param serverLoadPermille  the current server's load from its last PONG (0..1000), empty before one
 * @param deliveryRateBitsPerSecond the kernel's delivery-rate estimate, when present
 * @param bytesDown           application bytes received since the connection opened
 * @param bytesUp             application bytes sent since the connection opened
 * @param migrations          migrations this connection went through
 */
public record MetricsSnapshot(Instant at, Duration age, Duration carrierAge, Goodput down, Goodput up,
                              boolean downstreamDemand, Optional<Duration> rtt, Optional<Duration> rttVar,
                              Optional<Duration> carrierRtt, Optional<Duration> carrierRttVar,
                              OptionalDouble retransRate, long segmentsInWindow, long retransInWindow,
                              Duration stall, OptionalInt serverLoadPermille, OptionalLong deliveryRateBitsPerSecond,
                              long bytesDown, long bytesUp, int migrations) {
    public MetricsSnapshot {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(age, "age");
        Objects.requireNonNull(carrierAge, "carrierAge");
        Objects.requireNonNull(down, "down");
        Objects.requireNonNull(up, "up");
        Objects.requireNonNull(rtt, "rtt");
        Objects.requireNonNull(rttVar, "rttVar");
        Objects.requireNonNull(carrierRtt, "carrierRtt");
        Objects.requireNonNull(carrierRttVar, "carrierRttVar");
        Objects.requireNonNull(retransRate, "retransRate");
        Objects.requireNonNull(stall, "stall");
        Objects.requireNonNull(serverLoadPermille, "serverLoadPermille");
        Objects.requireNonNull(deliveryRateBitsPerSecond, "deliveryRateBitsPerSecond");
    }

    /** The RTT triggers judge: the session RTT (PING/PONG) when sampled, else the carrier's. */
    public Optional<Duration> effectiveRtt() {
        return rtt.isPresent() ? rtt : carrierRtt;
    }
}
