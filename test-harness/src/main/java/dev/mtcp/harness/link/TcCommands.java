package dev.mtcp.harness.link;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code tc} command lines for one device's egress: a token bucket for the rate, and (where the
 * kernel has it) netem for delay, jitter and loss with the token bucket as its child.
 */
public final class TcCommands {
    /** The token bucket holds at most this much queueing delay; beyond it packets are dropped, like a router buffer. */
    static final String TBF_LATENCY = "50ms";
    /** netem's queue, in packets; the default of 1000 would drop at high rate times delay. */
    static final int NETEM_LIMIT_PACKETS = 100_000;

    private TcCommands() {
    }

    /** Removes the root qdisc (fails harmlessly when there is none). */
    public static List<String> clear(String device) {
        return List.of("tc", "qdisc", "del", "dev", device, "root");
    }

    /**
     * Bucket size: at least a few full-size frames (with {@code gso_max_segs 1} a packet is at most
     * 1514 bytes), and 10 ms worth of the rate so the kernel timer granularity does not cap the rate.
     */
    static long burstBytes(long rateBitsPerSecond) {
        return Math.max(4 * 1514, rateBitsPerSecond / 8 / 100);
    }

    /** A root token bucket that limits the device's egress to the rate. */
    public static List<String> rootTbf(String device, long rateBitsPerSecond) {
        return List.of("tc", "qdisc", "add", "dev", device, "root", "handle", "1:", "tbf",
                "rate", rateBitsPerSecond + "bit", "burst", Long.toString(burstBytes(rateBitsPerSecond)),
                "latency", TBF_LATENCY);
    }

    /** Commands (after {@link #clear}) that give the device's egress the whole impairment with netem. */
    public static List<List<String>> netem(String device, Impairment impairment) {
        List<List<String>> commands = new ArrayList<>();
        boolean needsNetem = impairment.delays() || impairment.drops();
        if (!needsNetem) {
            if (impairment.limitsRate()) {
                commands.add(rootTbf(device, impairment.rateBitsPerSecond()));
            }
            return commands;
        }
        List<String> netem = new ArrayList<>(List.of("tc", "qdisc", "add", "dev", device, "root", "handle", "1:",
                "netem", "limit", Integer.toString(NETEM_LIMIT_PACKETS)));
        if (impairment.delays()) {
            netem.addAll(List.of("delay", impairment.delay().toNanos() / 1000 + "us",
                    impairment.jitter().toNanos() / 1000 + "us"));
        }
        if (impairment.drops()) {
            netem.addAll(List.of("loss", "random", impairment.lossPercent() + "%"));
        }
        commands.add(netem);
        if (impairment.limitsRate()) {
            long rate = impairment.rateBitsPerSecond();
            commands.add(List.of("tc", "qdisc", "add", "dev", device, "parent", "1:1", "handle", "10:", "tbf",
                    "rate", rate + "bit", "burst", Long.toString(burstBytes(rate)), "latency", TBF_LATENCY));
        }
        return commands;
    }

    /** Probe for netem: fails with "Specified qdisc kind is unknown" on kernels without it. */
    public static List<String> netemProbe() {
        return List.of("tc", "qdisc", "add", "dev", "lo", "root", "netem", "delay", "1ms");
    }
}
