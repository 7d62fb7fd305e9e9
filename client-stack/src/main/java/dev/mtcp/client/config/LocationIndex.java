package dev.mtcp.client.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.TokenStreamFactory;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * Where each field of a YAML document is: dotted path ({@code services[0].servers[1].port}) to the
 * line and column of its key (or of the element, for list items). Built with one streaming pass, so
 * semantic errors found after binding can still point at the line.
 */
final class LocationIndex {

    /** A 1-based position; (0, 0) when unknown. */
    record Position(int line, int column) {
        static final Position UNKNOWN = new Position(0, 0);
    }

    private final Map<String, Position> positions = new HashMap<>();

    private LocationIndex() {}

    static LocationIndex build(TokenStreamFactory factory, String yaml) throws IOException {
        LocationIndex index = new LocationIndex();
        try (JsonParser p = factory.createParser(yaml)) {
            JsonToken t = p.nextToken();
            if (t != null) {
                index.walk(p, "");
            }
        }
        return index;
    }

    /** Position of the field, or of its nearest recorded parent. */
    Position of(String path) {
        String p = path;
        while (true) {
            Position pos = positions.get(p);
            if (pos != null) {
                return pos;
            }
            if (p.isEmpty()) {
                return Position.UNKNOWN;
            }
            p = parent(p);
        }
    }

    private static String parent(String path) {
        int dot = path.lastIndexOf('.');
        int bracket = path.lastIndexOf('[');
        int cut = Math.max(dot, bracket);
        return cut <= 0 ? "" : path.substring(0, cut);
    }

    private void walk(JsonParser p, String path) throws IOException {
        record(path, p.currentTokenLocation());
        JsonToken t = p.currentToken();
        if (t == JsonToken.START_OBJECT) {
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String child = path.isEmpty() ? p.currentName() : path + "." + p.currentName();
                record(child, p.currentTokenLocation());
                p.nextToken();
                walk(p, child);
            }
        } else if (t == JsonToken.START_ARRAY) {
            int i = 0;
            while (p.nextToken() != JsonToken.END_ARRAY) {
                walk(p, path + "[" + i++ + "]");
            }
        }
    }

    private void record(String path, JsonLocation loc) {
        positions.putIfAbsent(path, new Position(Math.max(0, loc.getLineNr()), Math.max(0, loc.getColumnNr())));
    }
}
