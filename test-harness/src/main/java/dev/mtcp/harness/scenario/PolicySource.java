package dev.mtcp.harness.scenario;

import java.nio.file.Path;
import java.util.Map;

/** The proxy's policy: a file next to the scenario, or a document written inline in it. */
public sealed interface PolicySource {
    /** A policy file; relative paths are resolved against the scenario file's directory. */
    record File(Path path) implements PolicySource {
    }

    /** The policy written inline under {@code policy:}; the runner writes it to a file for the proxy. */
    record Inline(Map<String, Object> document) implements PolicySource {
        public Inline {
            document = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(document));
        }
    }
}
