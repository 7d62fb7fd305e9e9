package dev.mtcp.qos.yaml;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A YAML document as a tree whose every node remembers its line, so errors can point at it. Shared by
 * the policy parser (qos-monitor) and the scenario parser (test-harness); each builds it with Jackson's
 * streaming YAML parser and reports errors in its own terms.
 */
public sealed interface YamlNode {
    /** The 1-based line the node starts on. */
    int line();

    /** What a user would call this node in an error ("a list", "a mapping", "a value"). */
    String kind();

    /** A scalar; {@code text} is null for an empty value ({@code key:} or {@code ~}) unless the reader maps it to "". */
    record Scalar(String text, int line) implements YamlNode {
        public boolean isNull() {
            return text == null;
        }

        @Override
        public String kind() {
            return isNull() ? "an empty value" : "the value \"" + text + "\"";
        }
    }

    /** A mapping entry: its key's line and the value node. */
    record Entry(String key, int keyLine, YamlNode value) { }

    record Mapping(Map<String, Entry> entries, int line) implements YamlNode {
        public Mapping {
            entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
        }

        @Override
        public String kind() {
            return "a mapping";
        }
    }

    record Sequence(List<YamlNode> items, int line) implements YamlNode {
        public Sequence {
            items = List.copyOf(items);
        }

        @Override
        public String kind() {
            return "a list";
        }
    }
}
