package dev.mtcp.qos.policy;

import dev.mtcp.qos.metrics.MetricsSettings;
import dev.mtcp.qos.yaml.YamlNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Reads policy files (YAML, via Jackson's YAML parser) into a normalized {@link Policy}.
 *
 * <p>Strict: unknown keys, wrong types, bad units and out-of-range values are errors whose message
 * names the file, the line and the field, e.g.
 * {@code policy.yaml:7: triggers.any[1].for: "5x" is not a duration (use e.g. 300ms, 5s, 1m)}.
 * The language is described in {@code docs/qos.md}.
 */
public final class PolicyParser {
    static final List<String> TOP_KEYS = List.of("version", "triggers", "cooldown", "max_migrations_per_minute",
            "min_connection_age", "revisit_after", "target", "on_server_hint", "observer", "metrics");
    private static final List<String> TARGET_KEYS = List.of("select", "prefer", "min_improvement", "probe_timeout",
            "probe_max_age");
    private static final List<String> OBSERVER_KEYS = List.of("type", "interface");
    private static final List<String> METRICS_KEYS = List.of("window", "half_life", "sample_every");

    private final ParseContext ctx;

    private PolicyParser(String source) {
        this.ctx = new ParseContext(source);
    }

    /** Reads and parses a policy file; errors are reported against {@code file} as given. */
    public static Policy parse(Path file) throws PolicyException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new PolicyException(file.toString(), 0, "", "no such file");
        } catch (IOException e) {
            throw new PolicyException(file.toString(), 0, "", "cannot read the file: " + e.getMessage());
        }
        return parse(text, file.toString());
    }

    /** Parses policy text; {@code sourceName} is what error messages call it. */
    public static Policy parse(String yaml, String sourceName) throws PolicyException {
        return new PolicyParser(sourceName).document(new YamlTreeReader(sourceName).read(yaml));
    }

    private Policy document(YamlNode root) throws PolicyException {
        if (root instanceof YamlNode.Scalar s && s.isNull()) {
            throw ctx.error(root.line(), "", "the policy is empty (see examples/policies/ for complete policies)");
        }
        ParseContext.Fields f = ctx.fields(root, "", TOP_KEYS);
        Optional<Integer> version = f.integer("version", 1, Integer.MAX_VALUE);
        if (version.isPresent() && version.get() != 1) {
            throw ctx.error(f.take("version").orElseThrow().value().line(), "version",
                    "policy version " + version.get() + " is not supported (this mtcp reads version 1)");
        }
        Optional<Trigger> triggers = Optional.empty();
        Optional<YamlNode.Entry> t = f.take("triggers");
        if (t.isPresent()) {
            triggers = Optional.of(new TriggerParser(ctx).parse(t.get().value(), "triggers"));
        }
        Duration cooldown = f.duration("cooldown").orElse(Policy.DEFAULT_COOLDOWN);
        int perMinute = f.integer("max_migrations_per_minute", 0, 600).orElse(Policy.DEFAULT_MAX_PER_MINUTE);
        Duration minAge = f.duration("min_connection_age").orElse(Policy.DEFAULT_MIN_AGE);
        Duration revisit = f.duration("revisit_after").orElse(Policy.DEFAULT_REVISIT_AFTER);
        TargetSelection target = target(f);
        Policy.HintAction hint = f.choice("on_server_hint", Policy.HintAction.class).orElse(Policy.HintAction.MIGRATE);
        ObserverSettings observer = observer(f);
        MetricsSettings metrics = MetricsSettings.DEFAULTS;
        Duration sampleEvery = Policy.DEFAULT_SAMPLE_EVERY;
        Optional<YamlNode.Entry> m = f.take("metrics");
        if (m.isPresent()) {
            ParseContext.Fields mf = ctx.fields(m.get().value(), "metrics", METRICS_KEYS);
            metrics = new MetricsSettings(positive(mf, "window").orElse(metrics.window()),
                    positive(mf, "half_life").orElse(metrics.halfLife()));
            sampleEvery = positive(mf, "sample_every").orElse(sampleEvery);
            mf.finish();
        }
        f.finish();
        return new Policy(triggers, cooldown, perMinute, minAge, revisit, target, hint, observer, metrics, sampleEvery);
    }

    private TargetSelection target(ParseContext.Fields parent) throws PolicyException {
        Optional<YamlNode.Entry> e = parent.take("target");
        TargetSelection d = TargetSelection.DEFAULTS;
        if (e.isEmpty()) {
            return d;
        }
        if (e.get().value() instanceof YamlNode.Scalar) {
            TargetSelection.Strategy s = ctx.toChoice(e.get(), "target", TargetSelection.Strategy.class);
            if (s == TargetSelection.Strategy.PREFER) {
                throw ctx.error(e.get().value().line(), "target",
                        "prefer needs a list of server ids: write target: {prefer: [s2, s3]}");
            }
            return new TargetSelection(s, List.of(), d.minImprovement(), d.probeTimeout(), d.probeMaxAge());
        }
        ParseContext.Fields f = ctx.fields(e.get().value(), "target", TARGET_KEYS);
        Optional<TargetSelection.Strategy> select = f.choice("select", TargetSelection.Strategy.class);
        Optional<YamlNode.Entry> preferEntry = f.take("prefer");
        List<String> prefer = List.of();
        if (preferEntry.isPresent()) {
            prefer = ctx.stringList(preferEntry.get(), "target.prefer");
            if (select.isPresent() && select.get() != TargetSelection.Strategy.PREFER) {
                throw ctx.error(preferEntry.get().keyLine(), "target.prefer",
                        "only used with select: prefer (select is " + select.get().yamlName() + ")");
            }
        }
        TargetSelection.Strategy strategy = select.orElse(preferEntry.isPresent()
                ? TargetSelection.Strategy.PREFER : d.strategy());
        if (strategy == TargetSelection.Strategy.PREFER && prefer.isEmpty()) {
            throw ctx.error(f.line(), "target.prefer", "missing: select: prefer needs a prefer: [ids] list");
        }
        double minImprovement = f.percent("min_improvement").orElse(d.minImprovement());
        Duration probeTimeout = positive(f, "probe_timeout").orElse(d.probeTimeout());
        Duration probeMaxAge = positive(f, "probe_max_age").orElse(d.probeMaxAge());
        f.finish();
        return new TargetSelection(strategy, prefer, minImprovement, probeTimeout, probeMaxAge);
    }

    private ObserverSettings observer(ParseContext.Fields parent) throws PolicyException {
        Optional<YamlNode.Entry> e = parent.take("observer");
        if (e.isEmpty()) {
            return ObserverSettings.DEFAULTS;
        }
        if (e.get().value() instanceof YamlNode.Scalar) {
            return new ObserverSettings(ctx.toChoice(e.get(), "observer", ObserverSettings.Kind.class),
                    ObserverSettings.DEFAULTS.pcapInterface());
        }
        ParseContext.Fields f = ctx.fields(e.get().value(), "observer", OBSERVER_KEYS);
        YamlNode.Entry type = f.require("type");
        ObserverSettings.Kind kind = ctx.toChoice(type, "observer.type", ObserverSettings.Kind.class);
        Optional<YamlNode.Entry> iface = f.take("interface");
        if (iface.isPresent() && kind != ObserverSettings.Kind.PCAP) {
            throw ctx.error(iface.get().keyLine(), "observer.interface", "only used with type: pcap");
        }
        String name = iface.isPresent() ? ctx.scalar(iface.get(), "observer.interface").strip()
                : ObserverSettings.DEFAULTS.pcapInterface();
        if (name.isEmpty()) {
            throw ctx.error(iface.orElseThrow().value().line(), "observer.interface", "must name an interface (e.g. any, lo, eth0)");
        }
        f.finish();
        return new ObserverSettings(kind, name);
    }

    private Optional<Duration> positive(ParseContext.Fields f, String key) throws PolicyException {
        Optional<YamlNode.Entry> e = f.take(key);
        if (e.isEmpty()) {
            return Optional.empty();
        }
        Duration d = ctx.toDuration(e.get(), f.path(key));
        if (d.isZero()) {
            throw ctx.error(e.get().value().line(), f.path(key), "must be more than 0s");
        }
        return Optional.of(d);
    }
}
