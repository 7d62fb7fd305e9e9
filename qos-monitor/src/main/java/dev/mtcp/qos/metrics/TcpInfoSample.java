package dev.mtcp.qos.metrics;

import java.time.Duration;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * One reading of the kernel's {@code struct tcp_info} for a carrier socket.
 *
 * <p>Counters ({@code totalRetrans}, {@code bytesAcked}, {@code segsOut}) are cumulative for the
 * life of the carrier; {@link ConnectionMetrics} turns them into rates from the deltas between
 * samples. {@code segsOut} is 0 and {@code deliveryRateBps} empty when the kernel's struct is too
 * short to hold them.
 *
 * @param rtt             smoothed RTT ({@code tcpi_rtt})
 * @param rttVar          RTT variance ({@code tcpi_rttvar})
 * @param sndCwnd         congestion window in segments ({@code tcpi_snd_cwnd})
 * @param totalRetrans    retransmitted segments since the carrier opened ({@code tcpi_total_retrans})
 * @param bytesAcked      bytes the peer acknowledged ({@code tcpi_bytes_acked})
 * @param segsOut         segments sent, retransmissions included ({@code tcpi_segs_out})
 * @param deliveryRateBps the kernel's delivery-rate estimate in bits per second, when present
 */
public record TcpInfoSample(Duration rtt, Duration rttVar, long sndCwnd, long totalRetrans, long bytesAcked,
                            long segsOut, OptionalLong deliveryRateBps) {
    public TcpInfoSample {
        Objects.requireNonNull(rtt, "rtt");
        Objects.requireNonNull(rttVar, "rttVar");
        Objects.requireNonNull(deliveryRateBps, "deliveryRateBps");
        if (totalRetrans < 0 || bytesAcked < 0 || segsOut < 0 || sndCwnd < 0) {
            throw new IllegalArgumentException("tcp_info counters must not be negative");
        }
    }
}
