package dev.mtcp.server.apps;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A parsed HTTP/1.x request head (no body: the app serves static files).
 *
 * @param headers lower-case names → value (last one wins)
 */
record HttpRequest(String method, String target, String version, Map<String, String> headers) {

    /** Parses the bytes of a request head (request line + headers, without the blank line). Empty if malformed. */
    static Optional<HttpRequest> parse(byte[] head, int len) {
        String text = new String(head, 0, len, StandardCharsets.ISO_8859_1);
        String[] lines = text.split("\r\n", -1);
        String[] parts = lines[0].split(" ", -1);
        if (parts.length != 3 || parts[0].isEmpty() || !parts[1].startsWith("/")
                || !(parts[2].equals("HTTP/1.1") || parts[2].equals("HTTP/1.0"))) {
            return Optional.empty();
        }
        for (char c : parts[0].toCharArray()) {
            if (c < 'A' || c > 'Z') return Optional.empty();
        }
        Map<String, String> headers = new TreeMap<>();
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i];
            int colon = line.indexOf(':');
            if (colon <= 0 || line.charAt(colon - 1) == ' ' || line.charAt(0) == ' ' || line.charAt(0) == '\t') {
                return Optional.empty();
            }
            headers.put(line.substring(0, colon).toLowerCase(Locale.ROOT), line.substring(colon + 1).strip());
        }
        return Optional.of(new HttpRequest(parts[0], parts[1], parts[2], headers));
    }

    Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name));
    }

    boolean keepAlive() {
        String conn = header("connection").orElse("").toLowerCase(Locale.ROOT);
        if (version.equals("HTTP/1.0")) return conn.contains("keep-alive");
        return !conn.contains("close");
    }

    /** A request body would desynchronize a static-file server that does not read it. */
    boolean hasBody() {
        return header("transfer-encoding").isPresent()
                || header("content-length").map(v -> !v.equals("0")).orElse(false);
    }
}
