package dev.mtcp.harness.link;

/** How the impairments are made; both give the same conditions for the same knobs. */
public enum EmulationKind {
    /** {@code tc netem} for delay, jitter and loss, with a token bucket as its child for the rate. */
    NETEM,
    /** No netem in the kernel: token bucket for the rate, iptables {@code statistic} for loss, the NFQUEUE delayer for delay. */
    FALLBACK
}
