package dev.mtcp.harness.testbed;

import java.time.Duration;

/**
 * How to build a testbed.
 *
 * @param servers         number of server namespaces ({@code s1..sN}), at least 1
 * @param commandTimeout  upper bound for each administrative command ({@code ip}, {@code tc}, {@code iptables})
 */
public record TestbedConfig(int servers, Duration commandTimeout) {
    public TestbedConfig {
        if (servers < 1 || servers > AddressPlan.MAX_LINK_INDEX) {
            throw new IllegalArgumentException("servers must be 1.." + AddressPlan.MAX_LINK_INDEX + ", got " + servers);
        }
        if (commandTimeout.isNegative() || commandTimeout.isZero()) {
            throw new IllegalArgumentException("commandTimeout must be positive, got " + commandTimeout);
        }
    }

    public static TestbedConfig withServers(int servers) {
        return new TestbedConfig(servers, Duration.ofSeconds(30));
    }
}
