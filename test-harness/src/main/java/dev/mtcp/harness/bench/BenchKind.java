package dev.mtcp.harness.bench;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The benchmarks of the suite, by the name {@code mtcp bench NAME} uses. */
public enum BenchKind {
    THROUGHPUT("throughput", "bulk throughput, 1 and N parallel streams"),
    LATENCY("latency", "1 KiB echo round trip, p50/p99/p999"),
    PAUSE("pause", "client-observed migration pause vs app state size"),
    FAILOVER("failover", "failover gap after a kill, ack-on-replicate vs ack-on-receive"),
    DRAIN("drain", "mass drain: every connection moved off one server"),
    SCALE("scale", "heap and RSS per idle migratory connection"),
    CODEC("codec", "frame encode/decode rate (JMH)");

    private final String cliName;
    private final String description;

    BenchKind(String cliName, String description) {
        this.cliName = cliName;
        this.description = description;
    }

    public String cliName() {
        return cliName;
    }

    public String description() {
        return description;
    }

    /** The kind named {@code name} (case-insensitive); a clear error listing the valid names otherwise. */
    public static BenchKind fromCliName(String name) {
        for (BenchKind k : values()) {
            if (k.cliName.equalsIgnoreCase(name)) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown benchmark '" + name + "'; valid: all, "
                + Arrays.stream(values()).map(BenchKind::cliName).collect(Collectors.joining(", ")));
    }
}
