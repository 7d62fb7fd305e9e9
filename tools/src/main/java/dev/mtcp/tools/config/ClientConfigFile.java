package dev.mtcp.tools.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.deser.DeserializationProblemHandler;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.mtcp.tools.CommandFailure;
import dev.mtcp.tools.cli.HostPort;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Reads {@code mtcp proxy --config FILE}: the client's services, listeners, policy and admin address
 * (issue 6). Errors name the file, the line and the field:
 * <pre>
 * services:
 *   video:
 *     servers: [s1=127.0.0.1:7001, s2=127.0.0.1:7002]   # the first is preferred
 * listeners:
 *   - forward: 127.0.0.1:8080                          # port forward to one service
 *     service: video
 *   - socks: 127.0.0.1:1080                            # SOCKS5; destination = service name or a server address
 *     users: {alice: secret}                           # optional RFC 1929 username/password
 *     passthrough: false                               # unknown destinations: refuse (0x02) or relay plain TCP
 *   - transparent: 127.0.0.1:12345                     # iptables REDIRECT target (Linux)
 *     installRedirect: false
 * policy: policy.yaml                                  # relative to this file
 * admin: 127.0.0.1:9000
 * </pre>
 */
public final class ClientConfigFile {
    private ClientConfigFile() {}

    /**
     * Reads and validates a config file.
     *
     * @throws CommandFailure (input) saying what is wrong and where
     */
    public static ClientSettings read(Path file) {
        YAMLMapper yaml = YAMLMapper.builder()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .addHandler(new UnknownFieldAtItsLine())
                .build();
        ClientConfigDocument doc;
        try {
            String text = java.nio.file.Files.readString(file);
            doc = text.lines().allMatch(l -> l.isBlank() || l.strip().startsWith("#"))
                    ? null : yaml.readValue(text, ClientConfigDocument.class);
        } catch (UnrecognizedPropertyException e) {
            throw CommandFailure.input(unknownFieldWhere(file, e) + "unknown field '" + e.getPropertyName() + "'; known fields: "
                    + e.getKnownPropertyIds().stream().map(String::valueOf).sorted().collect(Collectors.joining(", ")), e);
        } catch (MismatchedInputException e) {
            throw CommandFailure.input(where(file, e) + "expected " + describe(e.getTargetType()) + " here", e);
        } catch (JsonMappingException e) {
            throw CommandFailure.input(where(file, e) + rootMessage(e).replaceAll("\\s*\\n\\s*", " "), e);
        } catch (JsonProcessingException e) {
            throw CommandFailure.input(where(file, e) + (e.getCause() instanceof MarkedYAMLException y
                    ? "not valid YAML: " + y.getProblem() : "not valid YAML: " + e.getOriginalMessage().replaceAll("\\s*\\n\\s*", " ")), e);
        } catch (NoSuchFileException e) {
            throw CommandFailure.input("config file " + file + " does not exist", e);
        } catch (IOException e) {
            throw CommandFailure.input("cannot read config file " + file + ": " + e.getMessage(), e);
        }
        if (doc == null) {
            throw CommandFailure.input(file + ": the file is empty; it needs at least 'services' and 'listeners'");
        }
        return doc.toSettings(file);
    }

    private static String where(Path file, JsonProcessingException e) {
        JsonLocation at = e.getLocation();
        String path = e instanceof JsonMappingException m ? fieldPath(m) : "";
        return file + (at != null && at.getLineNr() > 0 ? ":" + at.getLineNr() : "") + ": "
                + (path.isEmpty() ? "" : path + ": ");
    }

    /**
     * File, line and field path of an unknown field. Jackson buffers the fields of a record until its
     * constructor can run, losing their location; then the line is the one line that holds this key.
     */
    private static String unknownFieldWhere(Path file, UnrecognizedPropertyException e) {
        JsonLocation at = e.getLocation();
        int line = at != null && at.getLineNr() > 0 ? at.getLineNr() : uniqueLineOfKey(file, e.getPropertyName());
        String path = fieldPath(e);
        return file + (line > 0 ? ":" + line : "") + ": " + (path.isEmpty() ? "" : path + ".") + e.getPropertyName() + ": ";
    }

    private static int uniqueLineOfKey(Path file, String key) {
        java.util.regex.Pattern keyLine = java.util.regex.Pattern.compile(
                "^\\s*(?:-\\s+)?" + java.util.regex.Pattern.quote(key) + "\\s*:");
        try {
            List<String> lines = java.nio.file.Files.readAllLines(file);
            int found = -1;
            for (int i = 0; i < lines.size(); i++) {
                if (keyLine.matcher(lines.get(i)).find()) {
                    if (found > 0) {
                        return -1;
                    }
                    found = i + 1;
                }
            }
            return found;
        } catch (IOException e) {
            return -1;
        }
    }

    private static String describe(Class<?> type) {
        if (type == null) {
            return "another kind of value";
        }
        if (Map.class.isAssignableFrom(type)) {
            return "a mapping (name: value lines)";
        }
        if (java.util.Collection.class.isAssignableFrom(type)) {
            return "a list";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a single value";
        }
        return "a mapping";
    }

    /** Reports an unknown field at the line of its value (Jackson's default points past it). */
    private static final class UnknownFieldAtItsLine extends DeserializationProblemHandler {
        @Override
        public boolean handleUnknownProperty(DeserializationContext ctxt, JsonParser p, JsonDeserializer<?> deserializer,
                                             Object beanOrClass, String propertyName) throws IOException {
            Class<?> type = beanOrClass instanceof Class<?> c ? c : beanOrClass.getClass();
            throw new UnrecognizedPropertyException(p, "unknown field '" + propertyName + "'", p.currentTokenLocation(),
                    type, propertyName, deserializer == null ? List.of() : deserializer.getKnownPropertyNames());
        }
    }

    private static String fieldPath(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String rootMessage(JsonMappingException e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        if (cause instanceof IllegalArgumentException && cause.getMessage() != null) {
            return cause.getMessage();
        }
        if (cause instanceof MarkedYAMLException yaml) {
            return "not valid YAML: " + yaml.getProblem()
                    + (yaml.getContext() == null ? "" : " (" + yaml.getContext() + ")");
        }
        return e.getOriginalMessage().replaceAll(" \\(class [^)]*\\)", "").replaceAll("`[a-z.]+\\.([A-Za-z$]+)`", "$1");
    }

    /** A validated client config. */
    public record ClientSettings(Map<String, ServiceSpec> services, List<ListenerSpec> listeners, Optional<Path> policy,
                                 Optional<HostPort> admin) {
        public ClientSettings {
            services = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(services));
            listeners = List.copyOf(listeners);
        }
    }

    /** Internal: the raw document, checked field by field by the records' constructors. */
    static ClientSettings settings(Path file, Map<String, ServiceSpec> services, List<ListenerEntry> listeners,
                                   String policy, String admin) {
        if (services == null || services.isEmpty()) {
            throw CommandFailure.input(file + ": 'services' is missing or empty; name at least one service with its servers");
        }
        if (listeners == null || listeners.isEmpty()) {
            throw CommandFailure.input(file + ": 'listeners' is missing or empty; add e.g. '- forward: 127.0.0.1:8080'");
        }
        List<ListenerSpec> resolved = new ArrayList<>();
        for (int i = 0; i < listeners.size(); i++) {
            resolved.add(listeners.get(i).resolve(file, "listeners[" + i + "]", services));
        }
        Optional<Path> policyPath = Optional.ofNullable(policy).map(p -> resolveBeside(file, p));
        policyPath.ifPresent(p -> SettingsChecks.requireReadableFile(file + ": policy", p));
        Optional<HostPort> adminAddress = Optional.ofNullable(admin).map(a -> {
            try {
                return HostPort.parse(a);
            } catch (IllegalArgumentException e) {
                throw CommandFailure.input(file + ": admin: " + e.getMessage(), e);
            }
        });
        adminAddress.ifPresent(SettingsChecks::requireLoopbackAdmin);
        return new ClientSettings(services, resolved, policyPath, adminAddress);
    }

    private static Path resolveBeside(Path file, String relative) {
        Path dir = file.toAbsolutePath().getParent();
        return dir.resolve(relative).normalize();
    }
}
