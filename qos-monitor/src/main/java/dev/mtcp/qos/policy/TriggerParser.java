package dev.mtcp.qos.policy;

import dev.mtcp.qos.yaml.YamlNode;
import java.util.Comparator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Parses the {@code triggers:} tree: a leaf, {@code any:} / {@code all:} (nestable), or a list (= any). */
final class TriggerParser {
    static final List<String> LEAF_KEYS = List.of("goodput_below", "rtt_above", "retrans_rate_above",
            "stall_longer_than", "server_load_above");
    private static final List<String> GROUP_KEYS = List.of("any", "all");

    private final ParseContext ctx;

    TriggerParser(ParseContext ctx) {
        this.ctx = ctx;
    }

    Trigger parse(YamlNode node, String path) throws PolicyException {
        if (node instanceof YamlNode.Sequence seq) {
            return new Trigger.AnyOf(children(seq, path));
        }
        if (!(node instanceof YamlNode.Mapping m)) {
            throw ctx.error(node.line(), path, "expected a trigger (e.g. goodput_below: 1mbit with for: 2s) or any:/all:,"
                    + " got " + node.kind());
        }
        for (String group : GROUP_KEYS) {
            if (m.entries().containsKey(group)) {
                return group(m, group, path);
            }
        }
        return leaf(m, path);
    }

    private Trigger group(YamlNode.Mapping m, String group, String path) throws PolicyException {
        for (YamlNode.Entry e : m.entries().values()) {
            if (!e.key().equals(group)) {
                throw ctx.error(e.keyLine(), join(path, e.key()), "cannot stand next to " + group
                        + ": in one mapping; make it an item of the " + group + ": list");
            }
        }
        YamlNode.Entry e = m.entries().get(group);
        String groupPath = join(path, group);
        if (!(e.value() instanceof YamlNode.Sequence seq)) {
            throw ctx.error(e.value().line(), groupPath, "expected a list of triggers, got " + e.value().kind());
        }
        List<Trigger> children = children(seq, groupPath);
        return group.equals("any") ? new Trigger.AnyOf(children) : new Trigger.AllOf(children);
    }

    private List<Trigger> children(YamlNode.Sequence seq, String path) throws PolicyException {
        if (seq.items().isEmpty()) {
            throw ctx.error(seq.line(), path, "the list of triggers must not be empty");
        }
        List<Trigger> out = new ArrayList<>();
        for (int i = 0; i < seq.items().size(); i++) {
            out.add(parse(seq.items().get(i), path + "[" + i + "]"));
        }
        return out;
    }

    private Trigger leaf(YamlNode.Mapping m, String path) throws PolicyException {
        List<String> found = new ArrayList<>();
        for (String k : LEAF_KEYS) {
            if (m.entries().containsKey(k)) {
                found.add(k);
            }
        }
        found.sort(Comparator.comparingInt(k -> m.entries().get(k).keyLine()));
        if (found.size() > 1) {
            throw ctx.error(m.entries().get(found.get(1)).keyLine(), join(path, found.get(1)),
                    "one trigger per mapping: " + found.get(0) + " and " + found.get(1)
                    + " are both here; put each in its own item under any: or all:");
        }
        List<String> allowed = new ArrayList<>(LEAF_KEYS);
        allowed.addAll(GROUP_KEYS);
        allowed.add("for");
        if (found.isEmpty()) {
            ctx.fields(m, path, allowed).finish();   // names a misspelt key, with a suggestion
            throw ctx.error(m.line(), path, "expected one of " + String.join(", ", LEAF_KEYS) + ", any or all");
        }
        String key = found.getFirst();
        List<String> keys = key.equals("goodput_below")
                ? List.of(key, "for", "direction", "estimate") : List.of(key, "for");
        ParseContext.Fields f = ctx.fields(m, path, keys);
        YamlNode.Entry value = f.require(key);
        YamlNode.Entry forEntry = f.take("for").orElseThrow(() -> ctx.error(m.entries().get(key).keyLine(),
                join(path, "for"), "missing: every trigger needs a for: duration (e.g. for: 2s; for: 0s fires at once)"));
        Duration forDuration = ctx.toDuration(forEntry, join(path, "for"));
        String valuePath = join(path, key);
        Trigger t = switch (key) {
            case "goodput_below" -> new Trigger.GoodputBelow(ctx.toRate(value, valuePath),
                    f.choice("direction", Trigger.Direction.class).orElse(Trigger.Direction.DOWN),
                    f.choice("estimate", Trigger.Estimate.class).orElse(Trigger.Estimate.WINDOW), forDuration);
            case "rtt_above" -> new Trigger.RttAbove(positive(value, valuePath), forDuration);
            case "retrans_rate_above" -> new Trigger.RetransRateAbove(belowHundred(value, valuePath), forDuration);
            case "stall_longer_than" -> new Trigger.StallLongerThan(positive(value, valuePath), forDuration);
            case "server_load_above" -> new Trigger.ServerLoadAbove(belowHundred(value, valuePath), forDuration);
            default -> throw new IllegalStateException("LEAF_KEYS and this switch disagree on " + key);
        };
        f.finish();
        return t;
    }

    private Duration positive(YamlNode.Entry e, String path) throws PolicyException {
        Duration d = ctx.toDuration(e, path);
        if (d.isZero()) {
            throw ctx.error(e.value().line(), path, "must be more than 0s");
        }
        return d;
    }

    private double belowHundred(YamlNode.Entry e, String path) throws PolicyException {
        double v = ctx.toPercent(e, path);
        if (v >= 1) {
            throw ctx.error(e.value().line(), path, "must be below 100% (a rate cannot exceed 100%)");
        }
        return v;
    }

    static String join(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }
}
