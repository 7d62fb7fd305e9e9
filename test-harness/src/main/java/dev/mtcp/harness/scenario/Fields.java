package dev.mtcp.harness.scenario;

import dev.mtcp.harness.link.LinkUnits;
import dev.mtcp.qos.yaml.YamlNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/** Typed, located access to the fields of one YAML mapping; every error names file, line and field path. */
final class Fields {
    private final String file;
    private final String path;
    private final YamlNode.Mapping mapping;

    private Fields(String file, String path, YamlNode.Mapping mapping) {
        this.file = file;
        this.path = path;
        this.mapping = mapping;
    }

    static Fields of(String file, String path, YamlNode node) {
        if (!(node instanceof YamlNode.Mapping m)) {
            throw new ScenarioException(file, node.line(), path, "must be a mapping (key: value lines), not " + kind(node));
        }
        return new Fields(file, path, m);
    }

    String path(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    int line() {
        return mapping.line();
    }

    int line(String key) {
        YamlNode.Entry entry = mapping.entries().get(key);
        return entry == null ? mapping.line() : entry.keyLine();
    }

    Set<String> keys() {
        return mapping.entries().keySet();
    }

    boolean has(String key) {
        return mapping.entries().containsKey(key);
    }

    /** Fails on a key that is not one of {@code known}. */
    void allowOnly(Set<String> known) {
        for (String key : mapping.entries().keySet()) {
            if (!known.contains(key)) {
                throw new ScenarioException(file, line(key), path(key), "unknown field (known here: "
                        + String.join(", ", known.stream().sorted().toList()) + ")");
            }
        }
    }

    Optional<YamlNode> node(String key) {
        return Optional.ofNullable(mapping.entries().get(key)).map(YamlNode.Entry::value);
    }

    YamlNode required(String key) {
        return node(key).orElseThrow(() -> error(line(), path(key), "is missing"));
    }

    Optional<String> string(String key) {
        return node(key).map(n -> scalar(n, path(key)));
    }

    String requiredString(String key) {
        return scalar(required(key), path(key));
    }

    /** A scalar converted with {@code parse}; an IllegalArgumentException becomes a located error. */
    <T> Optional<T> value(String key, Function<String, T> parse) {
        return node(key).map(n -> {
            String text = scalar(n, path(key));
            try {
                return parse.apply(text);
            } catch (IllegalArgumentException e) {
                throw error(n.line(), path(key), e.getMessage());
            }
        });
    }

    Optional<Duration> duration(String key) {
        return value(key, LinkUnits::parseDuration);
    }

    Optional<Fields> mapping(String key) {
        return node(key).map(n -> Fields.of(file, path(key), n));
    }

    /** A list of scalars; a single scalar counts as a list of one. */
    List<String> strings(String key) {
        Optional<YamlNode> node = node(key);
        if (node.isEmpty()) {
            return List.of();
        }
        if (node.get() instanceof YamlNode.Sequence seq) {
            List<String> values = new ArrayList<>();
            for (int i = 0; i < seq.items().size(); i++) {
                values.add(scalar(seq.items().get(i), path(key) + "[" + i + "]"));
            }
            return values;
        }
        return List.of(scalar(node.get(), path(key)));
    }

    /** The items of a list of mappings. */
    List<Fields> list(String key) {
        Optional<YamlNode> node = node(key);
        if (node.isEmpty()) {
            return List.of();
        }
        if (!(node.get() instanceof YamlNode.Sequence seq)) {
            throw error(node.get().line(), path(key), "must be a list (lines starting with '- '), not " + kind(node.get()));
        }
        List<Fields> items = new ArrayList<>();
        for (int i = 0; i < seq.items().size(); i++) {
            items.add(Fields.of(file, path(key) + "[" + i + "]", seq.items().get(i)));
        }
        return items;
    }

    ScenarioException error(int atLine, String field, String problem) {
        return new ScenarioException(file, atLine, field, problem);
    }

    ScenarioException error(String key, String problem) {
        return error(line(key), path(key), problem);
    }

    private String scalar(YamlNode node, String field) {
        if (!(node instanceof YamlNode.Scalar s)) {
            throw error(node.line(), field, "must be a single value, not " + kind(node));
        }
        if (s.text().isEmpty()) {
            throw error(node.line(), field, "is empty");
        }
        return s.text();
    }

    /** What a scenario author would call this node in an error: "a value", "a list" or "a mapping". */
    static String kind(YamlNode node) {
        return switch (node) {
            case YamlNode.Scalar s -> "a value";
            case YamlNode.Sequence seq -> "a list";
            case YamlNode.Mapping m -> "a mapping";
        };
    }

    /** The node as plain Java values (maps, lists, strings), for documents passed on verbatim. */
    static Object plain(YamlNode node) {
        return switch (node) {
            case YamlNode.Scalar s -> s.text();
            case YamlNode.Sequence seq -> seq.items().stream().map(Fields::plain).toList();
            case YamlNode.Mapping m -> {
                Map<String, Object> map = new LinkedHashMap<>();
                m.entries().forEach((k, e) -> map.put(k, plain(e.value())));
                yield map;
            }
        };
    }
}
