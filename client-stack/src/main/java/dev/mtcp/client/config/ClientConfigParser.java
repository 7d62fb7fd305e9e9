package dev.mtcp.client.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Reads a client configuration file (YAML) into a validated {@link ClientFileConfig}.
 *
 * <p>Three steps: Jackson binds the YAML to {@link RawConfig} (syntax errors, unknown keys, duplicate
 * keys and wrong types stop here, with Jackson's location); a streaming pass records where each field
 * is ({@link LocationIndex}); {@link ConfigValidator} checks the values and their relations (ports,
 * references, durations, duplicates), each error naming file, line and field. The first error is
 * thrown as a {@link ConfigException}.
 *
 * <p>Reference: {@code docs/proxy-modes.md} and the commented example {@code examples/client/mtcp-client.yaml}.
 */
public final class ClientConfigParser {

    /** Upper bound on a config file; anything larger is certainly not one. */
    public static final int MAX_FILE_BYTES = 1 << 20;

    private final YAMLMapper mapper;

    public ClientConfigParser() {
        YAMLFactory factory = YAMLFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
        YAMLMapper m = new YAMLMapper(factory);
        m.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        m.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
        m.coercionConfigFor(LogicalType.Integer).setCoercion(CoercionInputShape.String, CoercionAction.Fail);
        m.coercionConfigFor(LogicalType.Integer).setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
        m.coercionConfigFor(LogicalType.Boolean).setCoercion(CoercionInputShape.String, CoercionAction.Fail);
        m.coercionConfigFor(LogicalType.Boolean).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
        this.mapper = m;
    }

    /** Reads and validates {@code file}; relative paths inside it (the policy file) are relative to its directory. */
    public ClientFileConfig parse(Path file) throws ConfigException {
        String source = file.toString();
        byte[] bytes;
        try {
            long size = Files.size(file);
            if (size > MAX_FILE_BYTES) {
                throw new ConfigException(source, 0, 0, "", "the file has " + size + " bytes; a config file is at most "
                        + MAX_FILE_BYTES + " bytes: is this the right file?");
            }
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new ConfigException(source, 0, 0, "", "no such file: check the path given to --config");
        } catch (IOException e) {
            throw new ConfigException(source, 0, 0, "", "cannot read the file: " + e.getMessage());
        }
        Path dir = file.toAbsolutePath().getParent();
        return parse(new String(bytes, StandardCharsets.UTF_8), source, dir);
    }

    /**
     * Parses YAML text.
     *
     * @param sourceName shown in error messages (a file name)
     * @param baseDir    directory that relative paths in the text are resolved against
     */
    public ClientFileConfig parse(String yaml, String sourceName, Path baseDir) throws ConfigException {
        if (yaml.isBlank()) {
            throw new ConfigException(sourceName, 0, 0, "", "the file is empty: it needs at least 'services' and 'listeners'"
                    + " (see examples/client/mtcp-client.yaml)");
        }
        RawConfig raw;
        LocationIndex index;
        try {
            index = LocationIndex.build(mapper.getFactory(), yaml);
        } catch (JsonProcessingException e) {
            throw translate(sourceName, e, null);
        } catch (IOException e) {
            throw new ConfigException(sourceName, 0, 0, "", "cannot read the YAML: " + e.getMessage());
        }
        try {
            raw = mapper.readValue(yaml, RawConfig.class);
        } catch (JsonProcessingException e) {
            throw translate(sourceName, e, index);
        } catch (IOException e) {
            throw new ConfigException(sourceName, 0, 0, "", "cannot read the YAML: " + e.getMessage());
        }
        if (raw == null) {
            throw new ConfigException(sourceName, 0, 0, "", "the file has no content: it needs at least 'services' and"
                    + " 'listeners' (see examples/client/mtcp-client.yaml)");
        }
        return new ConfigValidator(sourceName, index, baseDir).validate(raw);
    }

    /** Maps a Jackson error to a ConfigException; the field's own line from {@code index} when known. */
    private static ConfigException translate(String source, JsonProcessingException e, LocationIndex index) {
        JsonLocation loc = e.getLocation();
        int line = loc == null ? 0 : Math.max(0, loc.getLineNr());
        int column = loc == null ? 0 : Math.max(0, loc.getColumnNr());
        if (index != null && e instanceof JsonMappingException m && !m.getPath().isEmpty()) {
            LocationIndex.Position pos = index.of(path(m.getPath()));
            if (pos.line() > 0) {
                line = pos.line();
                column = pos.column();
            }
        }
        if (e instanceof UnrecognizedPropertyException u) {
            String field = path(u.getPath());
            return new ConfigException(source, line, column, field,
                    "unknown key '" + u.getPropertyName() + "' (allowed here: " + known(u.getKnownPropertyIds()) + ")");
        }
        if (e instanceof MismatchedInputException m) {
            String field = path(m.getPath());
            String expected = describe(m.getTargetType());
            return new ConfigException(source, line, column, field,
                    field.isEmpty() ? "the file must be a mapping with keys like 'services:' and 'listeners:'"
                                    : "expected " + expected);
        }
        if (e instanceof JsonMappingException m) {
            return new ConfigException(source, line, column, path(m.getPath()), firstLine(m.getOriginalMessage()));
        }
        String message = firstLine(e.getOriginalMessage());
        if (message.startsWith("Duplicate field")) {
            return new ConfigException(source, line, column, "", message.replace("Duplicate field", "duplicate key")
                    + ": each key may appear once in a mapping");
        }
        return new ConfigException(source, line, column, "", "not valid YAML: " + message);
    }

    private static String path(List<JsonMappingException.Reference> refs) {
        StringBuilder b = new StringBuilder();
        for (JsonMappingException.Reference r : refs) {
            if (r.getFieldName() != null) {
                if (!b.isEmpty()) {
                    b.append('.');
                }
                b.append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                b.append('[').append(r.getIndex()).append(']');
            }
        }
        return b.toString();
    }

    private static String known(Collection<Object> ids) {
        return ids == null ? "" : ids.stream().map(String::valueOf).sorted().collect(Collectors.joining(", "));
    }

    private static String describe(Class<?> type) {
        if (type == null) {
            return "a different kind of value";
        }
        if (type == Integer.class || type == int.class) {
            return "a whole number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a single value (text), not a list or mapping";
        }
        if (Collection.class.isAssignableFrom(type)) {
            return "a list (lines starting with '- ')";
        }
        return "a mapping (key: value lines)";
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return (nl < 0 ? s : s.substring(0, nl)).strip();
    }
}
