package dev.mtcp.harness.run;

import java.util.List;

/**
 * What the proxy showed at one instant of a run.
 *
 * @param seconds     since the workload started
 * @param connections the proxy's connections ({@code GET /connections})
 * @param carriers    the RTT of every carrier
 */
public record RunSample(double seconds, List<ProxyConnection> connections, List<CarrierRtt> carriers) {
    public RunSample {
        connections = List.copyOf(connections);
        carriers = List.copyOf(carriers);
    }
}
