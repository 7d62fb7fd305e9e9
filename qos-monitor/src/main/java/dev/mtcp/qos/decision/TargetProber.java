package dev.mtcp.qos.decision;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * Measures an alternate server for target selection. The client stack implements it with PROBE
 * carriers: HELLO(PROBE), a PING/PONG for RTT and load, a short downstream sample for goodput.
 */
public interface TargetProber {
    /**
     * Probes {@code serverId} within {@code timeout}. Network failures and timeouts complete the future
     * normally with {@link CandidateInfo#unreachable}; it never completes exceptionally for them.
     */
    CompletableFuture<CandidateInfo> probe(String serverId, Duration timeout);
}
