package dev.mtcp.qos.policy;

import dev.mtcp.qos.yaml.YamlNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/** Shared helpers of the policy parsers: typed field access with file/line/field errors. */
final class ParseContext {
    private final String source;

    ParseContext(String source) {
        this.source = source;
    }

    PolicyException error(int line, String path, String problem) {
        return new PolicyException(source, line, path, problem);
    }

    /** Opens a mapping node for field access; anything else is an error. */
    Fields fields(YamlNode node, String path, Collection<String> allowed) throws PolicyException {
        if (!(node instanceof YamlNode.Mapping m)) {
            throw error(node.line(), path, "expected a mapping with keys " + String.join(", ", allowed)
                    + ", got " + node.kind());
        }
        return new Fields(m, path, allowed);
    }

    /** Field access on one mapping; {@link #finish()} refuses keys nobody asked for. */
    final class Fields {
        private final YamlNode.Mapping mapping;
        private final String path;
        private final List<String> allowed;
        private final Set<String> used = new LinkedHashSet<>();

        private Fields(YamlNode.Mapping mapping, String path, Collection<String> allowed) {
            this.mapping = mapping;
            this.path = path;
            this.allowed = List.copyOf(allowed);
        }

        String path(String key) {
            return path.isEmpty() ? key : path + "." + key;
        }

        int line() {
            return mapping.line();
        }

        String pathHere() {
            return path;
        }

        boolean has(String key) {
            return mapping.entries().containsKey(key);
        }

        Set<String> keys() {
            return mapping.entries().keySet();
        }

        Optional<YamlNode.Entry> take(String key) {
            used.add(key);
            return Optional.ofNullable(mapping.entries().get(key));
        }

        YamlNode.Entry require(String key) throws PolicyException {
            Optional<YamlNode.Entry> e = take(key);
            if (e.isEmpty()) {
                throw error(mapping.line(), path, "missing required key \"" + key + "\"");
            }
            return e.get();
        }

        Optional<Duration> duration(String key) throws PolicyException {
            Optional<YamlNode.Entry> e = take(key);
            return e.isEmpty() ? Optional.empty() : Optional.of(toDuration(e.get(), path(key)));
        }

        Optional<Double> percent(String key) throws PolicyException {
            Optional<YamlNode.Entry> e = take(key);
            return e.isEmpty() ? Optional.empty() : Optional.of(toPercent(e.get(), path(key)));
        }

        Optional<Integer> integer(String key, int min, int max) throws PolicyException {
            Optional<YamlNode.Entry> e = take(key);
            if (e.isEmpty()) {
                return Optional.empty();
            }
            String text = scalar(e.get(), path(key));
            try {
                int v = Integer.parseInt(text.strip());
                if (v < min || v > max) {
                    throw error(e.get().value().line(), path(key), v + " is out of range (" + min + ".." + max + ")");
                }
                return Optional.of(v);
            } catch (NumberFormatException ex) {
                throw error(e.get().value().line(), path(key), "\"" + text + "\" is not a whole number");
            }
        }

        <E extends Enum<E>> Optional<E> choice(String key, Class<E> type) throws PolicyException {
            Optional<YamlNode.Entry> e = take(key);
            return e.isEmpty() ? Optional.empty() : Optional.of(toChoice(e.get(), path(key), type));
        }

        Optional<String> text(String key) throws PolicyException {
            Optional<YamlNode.Entry> e = take(key);
            return e.isEmpty() ? Optional.empty() : Optional.of(scalar(e.get(), path(key)));
        }

        /** Refuses keys that no one read: typos must not be silently ignored. */
        void finish() throws PolicyException {
            for (YamlNode.Entry e : mapping.entries().values()) {
                if (!used.contains(e.key())) {
                    throw error(e.keyLine(), path(e.key()), "unknown key" + suggestion(e.key(), allowed)
                            + " (allowed here: " + String.join(", ", allowed) + ")");
                }
            }
        }
    }

    String scalar(YamlNode.Entry e, String path) throws PolicyException {
        return scalar(e.value(), path);
    }

    String scalar(YamlNode node, String path) throws PolicyException {
        if (node instanceof YamlNode.Scalar s && !s.isNull() && !s.text().isBlank()) {
            return s.text();
        }
        String kind = node instanceof YamlNode.Scalar ? "an empty value" : node.kind();
        throw error(node.line(), path, "expected a value, got " + kind);
    }

    Duration toDuration(YamlNode.Entry e, String path) throws PolicyException {
        return convert(e.value(), path, Units::parseDuration);
    }

    double toPercent(YamlNode.Entry e, String path) throws PolicyException {
        return convert(e.value(), path, Units::parsePercent);
    }

    Rate toRate(YamlNode.Entry e, String path) throws PolicyException {
        return convert(e.value(), path, Units::parseRate);
    }

    <T> T convert(YamlNode node, String path, Function<String, T> parse) throws PolicyException {
        String text = scalar(node, path);
        try {
            return parse.apply(text);
        } catch (IllegalArgumentException ex) {
            throw error(node.line(), path, ex.getMessage());
        }
    }

    <E extends Enum<E>> E toChoice(YamlNode.Entry e, String path, Class<E> type) throws PolicyException {
        String text = scalar(e, path);
        List<String> names = new ArrayList<>();
        for (E c : type.getEnumConstants()) {
            String name = c.name().toLowerCase(Locale.ROOT);
            names.add(name);
            if (name.equals(text.strip())) {
                return c;
            }
        }
        throw error(e.value().line(), path, "\"" + text + "\" is not one of " + String.join(", ", names));
    }

    List<String> stringList(YamlNode.Entry e, String path) throws PolicyException {
        if (!(e.value() instanceof YamlNode.Sequence seq)) {
            throw error(e.value().line(), path, "expected a list like [s2, s3], got " + e.value().kind());
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < seq.items().size(); i++) {
            String item = scalar(seq.items().get(i), path + "[" + i + "]").strip();
            if (out.contains(item)) {
                throw error(seq.items().get(i).line(), path + "[" + i + "]", "\"" + item + "\" is listed twice");
            }
            out.add(item);
        }
        if (out.isEmpty()) {
            throw error(e.value().line(), path, "the list must not be empty");
        }
        return out;
    }

    static String suggestion(String key, Collection<String> allowed) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : allowed) {
            int d = editDistance(key.toLowerCase(Locale.ROOT), candidate);
            if (d < bestDistance) {
                bestDistance = d;
                best = candidate;
            }
        }
        return best != null && bestDistance <= Math.max(2, key.length() / 3) ? " (did you mean \"" + best + "\"?)" : "";
    }

    private static int editDistance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
