package dev.mtcp.qos.policy;

import static dev.mtcp.qos.policy.Units.formatDuration;
import static dev.mtcp.qos.policy.Units.formatPercent;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Prints a {@link Policy} back: {@link #toYaml} gives the normalized policy file (every field, defaults
 * filled in, units normalized) that parses to an equal policy; {@link #describe} says in words what
 * the policy does. {@code mtcp policy check FILE} prints both.
 */
public final class PolicyPrinter {
    private PolicyPrinter() {
    }

    public static String toYaml(Policy p) {
        StringBuilder out = new StringBuilder("version: 1\n");
        p.triggers().ifPresent(t -> {
            out.append("triggers:\n");
            trigger(out, t, "  ", false);
        });
        out.append("cooldown: ").append(formatDuration(p.cooldown())).append('\n');
        out.append("max_migrations_per_minute: ").append(p.maxMigrationsPerMinute()).append('\n');
        out.append("min_connection_age: ").append(formatDuration(p.minConnectionAge())).append('\n');
        out.append("revisit_after: ").append(formatDuration(p.revisitAfter())).append('\n');
        TargetSelection t = p.target();
        out.append("target:\n  select: ").append(t.strategy().yamlName()).append('\n');
        if (!t.prefer().isEmpty()) {
            out.append("  prefer: [").append(t.prefer().stream().map(PolicyPrinter::quoted)
                    .collect(Collectors.joining(", "))).append("]\n");
        }
        out.append("  min_improvement: ").append(formatPercent(t.minImprovement())).append('\n');
        out.append("  probe_timeout: ").append(formatDuration(t.probeTimeout())).append('\n');
        out.append("  probe_max_age: ").append(formatDuration(t.probeMaxAge())).append('\n');
        out.append("on_server_hint: ").append(p.onServerHint().yamlName()).append('\n');
        out.append("observer:\n  type: ").append(p.observer().kind().yamlName()).append('\n');
        if (p.observer().kind() == ObserverSettings.Kind.PCAP) {
            out.append("  interface: ").append(quoted(p.observer().pcapInterface())).append('\n');
        }
        out.append("metrics:\n  window: ").append(formatDuration(p.metrics().window())).append('\n');
        out.append("  half_life: ").append(formatDuration(p.metrics().halfLife())).append('\n');
        out.append("  sample_every: ").append(formatDuration(p.sampleEvery())).append('\n');
        return out.toString();
    }

    private static void trigger(StringBuilder out, Trigger t, String indent, boolean listItem) {
        String first = listItem ? indent.substring(0, indent.length() - 2) + "- " : indent;
        switch (t) {
            case Trigger.AnyOf a -> group(out, "any", a.children(), first, indent);
            case Trigger.AllOf a -> group(out, "all", a.children(), first, indent);
            case Trigger.Threshold th -> {
                out.append(first).append(th.key()).append(": ").append(threshold(th)).append('\n');
                if (th instanceof Trigger.GoodputBelow g) {
                    out.append(indent).append("direction: ").append(g.direction().name().toLowerCase(Locale.ROOT)).append('\n');
                    out.append(indent).append("estimate: ").append(g.estimate().name().toLowerCase(Locale.ROOT)).append('\n');
                }
                out.append(indent).append("for: ").append(formatDuration(th.forDuration())).append('\n');
            }
        }
    }

    private static void group(StringBuilder out, String name, List<Trigger> children, String first, String indent) {
        out.append(first).append(name).append(":\n");
        for (Trigger c : children) {
            trigger(out, c, indent + "    ", true);
        }
    }

    /** The threshold value as the policy file writes it. */
    public static String threshold(Trigger.Threshold t) {
        return switch (t) {
            case Trigger.GoodputBelow g -> g.rate().toString();
            case Trigger.RttAbove r -> formatDuration(r.rtt());
            case Trigger.RetransRateAbove r -> formatPercent(r.fraction());
            case Trigger.StallLongerThan s -> formatDuration(s.stall());
            case Trigger.ServerLoadAbove l -> formatPercent(l.fraction());
        };
    }

    /** One line per rule, in words. */
    public static String describe(Policy p) {
        StringBuilder out = new StringBuilder();
        out.append("migrate when ").append(p.triggers().map(PolicyPrinter::describe)
                .orElse("never on measurements (triggers: absent)")).append('\n');
        out.append("but not within ").append(formatDuration(p.cooldown())).append(" of the previous migration, ")
                .append("not more than ").append(p.maxMigrationsPerMinute()).append(" per minute, ")
                .append("not before the connection is ").append(formatDuration(p.minConnectionAge())).append(" old, ")
                .append("and not back to a server left less than ").append(formatDuration(p.revisitAfter()))
                .append(" ago\n");
        TargetSelection t = p.target();
        out.append("choose the target by ").append(switch (t.strategy()) {
            case PROBE -> "probing the alternates (timeout " + formatDuration(t.probeTimeout()) + ") and taking the best";
            case LEAST_LOAD -> "the lowest reported load";
            case ROUND_ROBIN -> "round robin over the alternates";
            case PREFER -> "preference order " + String.join(", ", t.prefer());
        }).append("; a measured target must be at least ").append(formatPercent(t.minImprovement()))
                .append(" better than the current server on the metric that fired\n");
        out.append(p.onServerHint() == Policy.HintAction.MIGRATE
                ? "follow server migrate hints" : "ignore server migrate hints").append('\n');
        out.append("observe carriers with ").append(switch (p.observer().kind()) {
            case TCP_INFO -> "TCP_INFO";
            case PCAP -> "pcap on interface " + p.observer().pcapInterface() + " (needs root or CAP_NET_RAW)";
            case NONE -> "no observer (session PING/PONG only)";
        }).append("; metrics window ").append(formatDuration(p.metrics().window()))
                .append(", EWMA half-life ").append(formatDuration(p.metrics().halfLife()))
                .append(", sampled every ").append(formatDuration(p.sampleEvery())).append('\n');
        return out.toString();
    }

    /** A trigger in words, e.g. {@code downstream goodput (window) below 1mbit for 2s}. */
    public static String describe(Trigger t) {
        return switch (t) {
            case Trigger.AnyOf a -> "any of (" + a.children().stream().map(PolicyPrinter::describe)
                    .collect(Collectors.joining("; ")) + ")";
            case Trigger.AllOf a -> "all of (" + a.children().stream().map(PolicyPrinter::describe)
                    .collect(Collectors.joining("; ")) + ")";
            case Trigger.GoodputBelow g -> (g.direction() == Trigger.Direction.DOWN ? "downstream" : "upstream")
                    + " goodput (" + g.estimate().name().toLowerCase(Locale.ROOT) + ") below " + g.rate()
                    + " for " + formatDuration(g.forDuration());
            case Trigger.RttAbove r -> "RTT above " + formatDuration(r.rtt()) + " for " + formatDuration(r.forDuration());
            case Trigger.RetransRateAbove r -> "retransmission rate above " + formatPercent(r.fraction())
                    + " for " + formatDuration(r.forDuration());
            case Trigger.StallLongerThan s -> "stalled longer than " + formatDuration(s.stall())
                    + " for " + formatDuration(s.forDuration());
            case Trigger.ServerLoadAbove l -> "server load above " + formatPercent(l.fraction())
                    + " for " + formatDuration(l.forDuration());
        };
    }

    private static String quoted(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
