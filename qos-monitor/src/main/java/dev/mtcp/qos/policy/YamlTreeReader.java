package dev.mtcp.qos.policy;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.mtcp.qos.yaml.YamlNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads one YAML document with Jackson's streaming YAML parser into a {@link YamlNode} tree that
 * keeps each token's line ({@link JsonParser#currentTokenLocation()}). Duplicate keys are errors.
 */
final class YamlTreeReader {
    private final YAMLFactory factory = YAMLFactory.builder().build();
    private final String source;

    YamlTreeReader(String source) {
        this.source = source;
    }

    /** @return the document's root node, or an empty scalar for an empty document */
    YamlNode read(String yaml) throws PolicyException {
        try (JsonParser p = factory.createParser(yaml)) {
            JsonToken first = p.nextToken();
            if (first == null) {
                return new YamlNode.Scalar(null, 1);
            }
            YamlNode root = node(p, "");
            if (p.nextToken() != null) {
                throw new PolicyException(source, line(p), "", "a policy file holds one YAML document; remove the second");
            }
            return root;
        } catch (JsonProcessingException e) {
            JsonLocation loc = e.getLocation();
            int line = loc == null ? 0 : loc.getLineNr();
            String msg = e.getOriginalMessage() == null ? e.getClass().getSimpleName() : e.getOriginalMessage();
            throw new PolicyException(source, Math.max(line, 0), "", "not valid YAML: " + firstLine(msg));
        } catch (IOException e) {
            throw new PolicyException(source, 0, "", "cannot read the policy: " + e.getMessage());
        }
    }

    private YamlNode node(JsonParser p, String path) throws IOException, PolicyException {
        JsonToken t = p.currentToken();
        int line = line(p);
        return switch (t) {
            case START_OBJECT -> mapping(p, line, path);
            case START_ARRAY -> sequence(p, line, path);
            case VALUE_NULL -> new YamlNode.Scalar(null, line);
            case VALUE_STRING, VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT, VALUE_TRUE, VALUE_FALSE ->
                    new YamlNode.Scalar(p.getText(), line);
            default -> throw new PolicyException(source, line, path, "unexpected YAML element " + t);
        };
    }

    private YamlNode mapping(JsonParser p, int line, String path) throws IOException, PolicyException {
        Map<String, YamlNode.Entry> entries = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            int keyLine = line(p);
            String keyPath = path.isEmpty() ? key : path + "." + key;
            if (entries.containsKey(key)) {
                throw new PolicyException(source, keyLine, keyPath,
                        "duplicate key (first given on line " + entries.get(key).keyLine() + ")");
            }
            p.nextToken();
            entries.put(key, new YamlNode.Entry(key, keyLine, node(p, keyPath)));
        }
        return new YamlNode.Mapping(entries, line);
    }

    private YamlNode sequence(JsonParser p, int line, String path) throws IOException, PolicyException {
        List<YamlNode> items = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            items.add(node(p, path + "[" + items.size() + "]"));
        }
        return new YamlNode.Sequence(items, line);
    }

    private static int line(JsonParser p) {
        return p.currentTokenLocation().getLineNr();
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return (nl < 0 ? s : s.substring(0, nl)).strip();
    }
}
