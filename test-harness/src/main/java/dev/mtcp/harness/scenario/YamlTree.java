package dev.mtcp.harness.scenario;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.mtcp.qos.yaml.YamlNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a YAML document with Jackson's streaming YAML parser into {@link YamlNode}s that know their lines.
 * An empty value ({@code key:} or {@code ~}) becomes a scalar with text {@code ""}.
 */
final class YamlTree {
    private final String file;
    private final JsonParser parser;

    private YamlTree(String file, JsonParser parser) {
        this.file = file;
        this.parser = parser;
    }

    static YamlNode parse(String file, String text) {
        try (JsonParser parser = new YAMLFactory().createParser(text)) {
            YamlTree tree = new YamlTree(file, parser);
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new ScenarioException(file, 1, "", "the file is empty");
            }
            return tree.read(first);
        } catch (ScenarioException e) {
            throw e;
        } catch (IOException e) {
            int line = e instanceof com.fasterxml.jackson.core.JsonProcessingException jpe && jpe.getLocation() != null
                    ? jpe.getLocation().getLineNr() : 0;
            String message = e instanceof com.fasterxml.jackson.core.JsonProcessingException jpe
                    ? jpe.getOriginalMessage() : e.getMessage();
            throw new ScenarioException(file, line, "", "not valid YAML: " + message.lines().findFirst().orElse(""));
        }
    }

    private YamlNode read(JsonToken token) throws IOException {
        int line = parser.currentTokenLocation().getLineNr();
        return switch (token) {
            case START_OBJECT -> readMapping(line);
            case START_ARRAY -> readSequence(line);
            case VALUE_NULL -> new YamlNode.Scalar("", line);
            default -> new YamlNode.Scalar(parser.getText(), line);
        };
    }

    private YamlNode readMapping(int line) throws IOException {
        Map<String, YamlNode.Entry> entries = new LinkedHashMap<>();
        for (JsonToken t = parser.nextToken(); t != JsonToken.END_OBJECT; t = parser.nextToken()) {
            String key = parser.currentName();
            int keyLine = parser.currentTokenLocation().getLineNr();
            if (entries.containsKey(key)) {
                throw new ScenarioException(file, keyLine, key, "appears twice in the same mapping");
            }
            entries.put(key, new YamlNode.Entry(key, keyLine, read(parser.nextToken())));
        }
        return new YamlNode.Mapping(entries, line);
    }

    private YamlNode readSequence(int line) throws IOException {
        List<YamlNode> items = new ArrayList<>();
        for (JsonToken t = parser.nextToken(); t != JsonToken.END_ARRAY; t = parser.nextToken()) {
            items.add(read(t));
        }
        return new YamlNode.Sequence(items, line);
    }
}
