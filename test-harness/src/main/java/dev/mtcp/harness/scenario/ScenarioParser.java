package dev.mtcp.harness.scenario;

import dev.mtcp.harness.link.Direction;
import dev.mtcp.harness.link.Impairment;
import dev.mtcp.harness.link.LinkUnits;
import dev.mtcp.qos.yaml.YamlNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Reads scenario files (YAML; format in {@code docs/wan-testing.md}). Every error is a
 * {@link ScenarioException} naming the file, the line and the field.
 */
public final class ScenarioParser {
    private static final Set<String> TOP = Set.of("name", "description", "duration", "servers", "links", "workload",
            "policy", "timeline", "expect");
    private static final Set<String> KNOBS = Set.of("delay", "jitter", "loss", "rate");
    private static final Set<String> ACTIONS = Set.of("degrade", "reset", "kill", "stop", "cont", "cut", "restore",
            "drain", "migrate");

    private final String file;
    private final Path baseDir;

    private ScenarioParser(String file, Path baseDir) {
        this.file = file;
        this.baseDir = baseDir;
    }

    public static Scenario parse(Path path) {
        try {
            String text = Files.readString(path, StandardCharsets.UTF_8);
            Path dir = path.toAbsolutePath().getParent();
            return parse(path.toString(), text, dir);
        } catch (NoSuchFileException e) {
            throw new ScenarioException(path.toString(), 0, "", "no such file");
        } catch (IOException e) {
            throw new ScenarioException(path.toString(), 0, "", "cannot read: " + e.getMessage());
        }
    }

    /** Parses scenario text; {@code file} names it in errors, {@code baseDir} resolves a relative policy path. */
    public static Scenario parse(String file, String text, Path baseDir) {
        return new ScenarioParser(file, baseDir).scenario(Fields.of(file, "", YamlTree.parse(file, text)));
    }

    private Scenario scenario(Fields top) {
        top.allowOnly(TOP);
        String name = top.requiredString("name");
        Duration duration = top.duration("duration").orElseThrow(() -> top.error("duration", "is missing (e.g. 30s)"));
        List<ServerSpec> servers = servers(top);
        List<String> ids = servers.stream().map(ServerSpec::id).toList();
        Workload workload = workload(top.mapping("workload").orElseThrow(() -> top.error("workload", "is missing")), ids);
        List<String> hosts = new ArrayList<>(ids);
        hosts.addFirst("client");
        Map<String, LinkProfile> links = links(top, hosts);
        return new Scenario(name, top.string("description").orElse(""), duration, servers, links,
                workload, policy(top), timeline(top, ids, hosts, duration, links), expectations(top, ids));
    }

    private List<ServerSpec> servers(Fields top) {
        List<Fields> items = top.list("servers");
        if (items.isEmpty()) {
            throw top.error("servers", "must list at least one server");
        }
        List<ServerSpec> servers = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            Fields s = items.get(i);
            s.allowOnly(Set.of("id", "app", "backups", "args"));
            String id = s.requiredString("id");
            if (!id.equals("s" + (i + 1))) {
                throw s.error("id", "servers are named s1, s2, ... in order (their namespaces and links are);"
                        + " expected 's" + (i + 1) + "', got '" + id + "'");
            }
            App app = s.value("app", ScenarioParser::app).orElseThrow(() -> s.error("app", "is missing (echo, stream or http)"));
            servers.add(new ServerSpec(id, app, s.strings("backups"), s.strings("args")));
        }
        List<String> ids = servers.stream().map(ServerSpec::id).toList();
        for (int i = 0; i < servers.size(); i++) {
            for (String backup : servers.get(i).backups()) {
                if (!ids.contains(backup) || backup.equals(servers.get(i).id())) {
                    throw items.get(i).error("backups", "'" + backup + "' must be another server of this scenario ("
                            + String.join(", ", ids) + ")");
                }
            }
        }
        return servers;
    }

    private Map<String, LinkProfile> links(Fields top, List<String> hosts) {
        Map<String, LinkProfile> profiles = new LinkedHashMap<>();
        Optional<Fields> links = top.mapping("links");
        if (links.isEmpty()) {
            return profiles;
        }
        Fields l = links.get();
        LinkProfile defaults = l.mapping("default").map(d -> profile(d, LinkProfile.NONE)).orElse(LinkProfile.NONE);
        for (String key : l.keys()) {
            if (!key.equals("default") && !hosts.contains(key)) {
                throw l.error(key, "no host named '" + key + "' (hosts: default, " + String.join(", ", hosts) + ")");
            }
        }
        for (String host : hosts) {
            LinkProfile start = host.equals("client") ? LinkProfile.NONE : defaults;
            profiles.put(host, l.mapping(host).map(h -> profile(h, start)).orElse(start));
        }
        return profiles;
    }

    /** {@code {delay, jitter, loss, rate}} for both directions, or {@code {to: {...}, from: {...}}}. */
    private LinkProfile profile(Fields f, LinkProfile start) {
        if (f.has("to") || f.has("from")) {
            f.allowOnly(Set.of("to", "from"));
            return new LinkProfile(
                    f.mapping("to").map(t -> impairment(t, start.toHost())).orElse(start.toHost()),
                    f.mapping("from").map(t -> impairment(t, start.fromHost())).orElse(start.fromHost()));
        }
        f.allowOnly(KNOBS);
        return new LinkProfile(impairment(f, start.toHost()), impairment(f, start.fromHost()));
    }

    private Impairment impairment(Fields f, Impairment start) {
        f.allowOnly(KNOBS);
        LinkChange change = change(f, Set.of());
        try {
            return change.applyTo(start);
        } catch (IllegalArgumentException e) {
            throw f.error(f.line(), f.path("").replaceAll("\\.$", ""), e.getMessage());
        }
    }

    private static LinkChange change(Fields f, Set<Direction> directions) {
        Optional<Long> rate = f.value("rate", LinkUnits::parseRate);
        Optional<Double> loss = f.value("loss", LinkUnits::parsePercent);
        return new LinkChange(f.duration("delay"), f.duration("jitter"),
                loss.map(OptionalDouble::of).orElse(OptionalDouble.empty()),
                rate.map(OptionalLong::of).orElse(OptionalLong.empty()), directions);
    }

    private Workload workload(Fields w, List<String> servers) {
        w.allowOnly(Set.of("app", "connections", "bytes", "client", "server"));
        App app = w.value("app", ScenarioParser::app).orElseThrow(() -> w.error("app", "is missing (echo, stream or http)"));
        int connections = w.value("connections", ScenarioParser::positiveInt).orElse(1);
        long bytes = w.value("bytes", Sizes::parseBytes).orElseThrow(() -> w.error("bytes", "is missing (e.g. 50MB)"));
        Workload.ClientKind client = w.value("client", text -> switch (text) {
            case "builtin" -> Workload.ClientKind.BUILTIN;
            case "curl" -> Workload.ClientKind.CURL;
            default -> throw new IllegalArgumentException("must be builtin or curl, got '" + text + "'");
        }).orElse(Workload.ClientKind.BUILTIN);
        if (client == Workload.ClientKind.CURL && app != App.HTTP) {
            throw w.error("client", "curl needs app: http");
        }
        String server = w.string("server").orElse(servers.getFirst());
        if (!servers.contains(server)) {
            throw w.error("server", "no server named '" + server + "' (servers: " + String.join(", ", servers) + ")");
        }
        return new Workload(app, connections, bytes, client, server);
    }

    private Optional<PolicySource> policy(Fields top) {
        return top.node("policy").map(node -> switch (node) {
            case YamlNode.Mapping m -> {
                @SuppressWarnings("unchecked")
                Map<String, Object> doc = (Map<String, Object>) Fields.plain(m);
                yield new PolicySource.Inline(doc);
            }
            case YamlNode.Scalar s -> {
                Path path = baseDir.resolve(s.text()).normalize();
                if (!Files.isRegularFile(path)) {
                    throw top.error("policy", "policy file " + path + " does not exist");
                }
                yield new PolicySource.File(path);
            }
            case YamlNode.Sequence seq -> throw top.error("policy", "must be a file path or a mapping, not a list");
        });
    }

    private List<TimelineEvent> timeline(Fields top, List<String> servers, List<String> hosts, Duration duration,
            Map<String, LinkProfile> links) {
        List<TimelineEvent> events = new ArrayList<>();
        Map<String, LinkProfile> current = new LinkedHashMap<>(links);
        Duration previous = Duration.ZERO;
        for (Fields e : top.list("timeline")) {
            Duration at = e.duration("at").orElseThrow(() -> e.error("at", "is missing (e.g. at: 5s)"));
            if (at.compareTo(duration) > 0) {
                throw e.error("at", "is after the scenario's duration (" + duration.toSeconds() + " s)");
            }
            if (at.compareTo(previous) < 0) {
                throw e.error("at", "events must be in time order (the one before is at " + previous.toMillis() + " ms)");
            }
            previous = at;
            TimelineEvent event = event(e, at, servers, hosts);
            checkReachable(e, event, current, links);
            events.add(event);
        }
        return events;
    }

    /** Plays link events on paper, so a degrade that makes an impossible link (jitter above delay) fails here. */
    private static void checkReachable(Fields e, TimelineEvent event, Map<String, LinkProfile> current,
            Map<String, LinkProfile> start) {
        if (event instanceof TimelineEvent.Reset r) {
            current.put(r.target(), start.getOrDefault(r.target(), LinkProfile.NONE));
        } else if (event instanceof TimelineEvent.Degrade d) {
            LinkProfile before = current.getOrDefault(d.target(), LinkProfile.NONE);
            try {
                LinkChange c = d.change();
                current.put(d.target(), new LinkProfile(
                        c.directions().contains(Direction.TO_HOST) ? c.applyTo(before.toHost()) : before.toHost(),
                        c.directions().contains(Direction.FROM_HOST) ? c.applyTo(before.fromHost()) : before.fromHost()));
            } catch (IllegalArgumentException ex) {
                throw e.error("degrade", ex.getMessage());
            }
        }
    }

    private TimelineEvent event(Fields e, Duration at, List<String> servers, List<String> hosts) {
        List<String> actions = e.keys().stream().filter(ACTIONS::contains).toList();
        if (actions.size() != 1) {
            throw e.error(e.line(), e.path("").replaceAll("\\.$", ""), "needs exactly one action of "
                    + String.join(", ", ACTIONS.stream().sorted().toList()) + (actions.isEmpty() ? "" : ", got " + actions));
        }
        String action = actions.getFirst();
        String target = e.requiredString(action);
        boolean linkAction = Set.of("degrade", "reset", "cut", "restore").contains(action);
        List<String> allowed = linkAction ? hosts : servers;
        if (!allowed.contains(target)) {
            throw e.error(action, "no " + (linkAction ? "host" : "server") + " named '" + target + "' ("
                    + String.join(", ", allowed) + ")");
        }
        if (!action.equals("degrade")) {
            e.allowOnly(Set.of("at", action));
        }
        return switch (action) {
            case "degrade" -> {
                e.allowOnly(Set.of("at", "degrade", "direction", "delay", "jitter", "loss", "rate"));
                Set<Direction> directions = e.value("direction", ScenarioParser::directions).orElse(Set.of());
                LinkChange change = change(e, directions);
                if (change.delay().isEmpty() && change.jitter().isEmpty() && change.lossPercent().isEmpty()
                        && change.rateBitsPerSecond().isEmpty()) {
                    throw e.error("degrade", "names no knob to change (delay, jitter, loss, rate)");
                }
                yield new TimelineEvent.Degrade(at, target, change);
            }
            case "reset" -> new TimelineEvent.Reset(at, target);
            case "kill" -> new TimelineEvent.Kill(at, target);
            case "stop" -> new TimelineEvent.Stop(at, target);
            case "cont" -> new TimelineEvent.Cont(at, target);
            case "cut" -> new TimelineEvent.Cut(at, target);
            case "restore" -> new TimelineEvent.Restore(at, target);
            case "drain" -> new TimelineEvent.Drain(at, target);
            default -> new TimelineEvent.Migrate(at, target);
        };
    }

    private Expectations expectations(Fields top, List<String> servers) {
        Optional<Fields> expect = top.mapping("expect");
        if (expect.isEmpty()) {
            throw top.error("expect", "is missing: a scenario must say what has to hold (e.g. stream_intact: true)");
        }
        Fields x = expect.get();
        x.allowOnly(Set.of("stream_intact", "migrations", "max_pause", "no_migration_to"));
        Optional<Boolean> intact = x.value("stream_intact", ScenarioParser::bool);
        Optional<Bound<Long>> migrations = x.value("migrations", text -> bound(text, Long::parseLong, "a count"));
        Optional<Bound<Duration>> maxPause = x.value("max_pause", text -> bound(text, LinkUnits::parseDuration, "a duration"));
        List<String> forbidden = x.strings("no_migration_to");
        for (String s : forbidden) {
            if (!servers.contains(s)) {
                throw x.error("no_migration_to", "no server named '" + s + "' (" + String.join(", ", servers) + ")");
            }
        }
        return new Expectations(intact, migrations, maxPause, forbidden);
    }

    static <T extends Comparable<T>> Bound<T> bound(String text, java.util.function.Function<String, T> parse, String what) {
        String t = text.strip();
        Comparison c = Comparison.prefixOf(t).orElse(Comparison.EQUAL);
        String rest = Comparison.prefixOf(t).map(p -> t.substring(p.symbol().length())).orElse(t).strip();
        try {
            return new Bound<>(c, parse.apply(rest));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + text + "' is not a comparison with " + what
                    + " (e.g. \">= 2\", \"< 2s\"): " + e.getMessage());
        }
    }

    private static App app(String text) {
        try {
            return App.valueOf(text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown app '" + text + "' (echo, stream or http)");
        }
    }

    private static int positiveInt(String text) {
        try {
            int n = Integer.parseInt(text);
            if (n < 1) {
                throw new IllegalArgumentException("must be at least 1, got " + n);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not a whole number");
        }
    }

    private static boolean bool(String text) {
        return switch (text) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("must be true or false, got '" + text + "'");
        };
    }

    private static Set<Direction> directions(String text) {
        return switch (text) {
            case "both" -> EnumSet.allOf(Direction.class);
            case "to" -> EnumSet.of(Direction.TO_HOST);
            case "from" -> EnumSet.of(Direction.FROM_HOST);
            default -> throw new IllegalArgumentException("must be to, from or both, got '" + text + "'");
        };
    }
}
