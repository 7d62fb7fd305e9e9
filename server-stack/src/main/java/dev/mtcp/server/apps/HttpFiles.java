package dev.mtcp.server.apps;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Maps request targets to files under the root, refusing anything that would leave it. */
final class HttpFiles {
    private static final Map<String, String> TYPES = Map.ofEntries(
            Map.entry("html", "text/html; charset=utf-8"), Map.entry("htm", "text/html; charset=utf-8"),
            Map.entry("txt", "text/plain; charset=utf-8"), Map.entry("css", "text/css"),
            Map.entry("js", "text/javascript"), Map.entry("json", "application/json"),
            Map.entry("png", "image/png"), Map.entry("jpg", "image/jpeg"), Map.entry("jpeg", "image/jpeg"),
            Map.entry("gif", "image/gif"), Map.entry("svg", "image/svg+xml"), Map.entry("mp4", "video/mp4"),
            Map.entry("pdf", "application/pdf"));

    /** Outcome of resolving a target. */
    sealed interface Resolved {
        record Found(Path file, String relative) implements Resolved {
        }

        record NotFound() implements Resolved {
        }

        record Forbidden() implements Resolved {
        }
    }

    private final Path root;

    HttpFiles(Path root) throws IOException {
        this.root = root.toRealPath();
    }

    Resolved resolve(String target) {
        String path = target;
        int q = path.indexOf('?');
        if (q >= 0) path = path.substring(0, q);
        int h = path.indexOf('#');
        if (h >= 0) path = path.substring(0, h);
        String decoded;
        try {
            decoded = URLDecoder.decode(path.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return new Resolved.Forbidden();
        }
        if (decoded.indexOf('\0') >= 0 || decoded.indexOf('\\') >= 0) return new Resolved.Forbidden();
        for (String seg : decoded.split("/")) {
            if (seg.equals("..")) return new Resolved.Forbidden();
        }
        return byRelative(decoded.replaceFirst("^/+", ""));
    }

    /** Resolves a root-relative path (also used when resuming from a snapshot). */
    Resolved byRelative(String relative) {
        Path p = root.resolve(relative).normalize();
        if (!p.startsWith(root)) return new Resolved.Forbidden();
        if (Files.isDirectory(p)) {
            p = p.resolve("index.html");
            relative = relative.isEmpty() || relative.endsWith("/") ? relative + "index.html" : relative + "/index.html";
        }
        if (!Files.isRegularFile(p)) return new Resolved.NotFound();
        try {
            if (!p.toRealPath().startsWith(root)) return new Resolved.Forbidden();   // a symlink out of the root
        } catch (IOException e) {
            return new Resolved.NotFound();
        }
        return new Resolved.Found(p, relative);
    }

    static String contentType(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String ext = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
        return Optional.ofNullable(TYPES.get(ext)).orElse("application/octet-stream");
    }
}
