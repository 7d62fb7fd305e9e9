package dev.mtcp.harness.bench;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Every path of a run started at once in front of one service, so their measurements can be interleaved. */
final class OpenPaths implements AutoCloseable {
    private final Map<String, BenchPath> running = new LinkedHashMap<>();
    private final Map<String, String> unavailable = new LinkedHashMap<>();

    OpenPaths(List<BenchPathFactory> factories, OriginService service, BenchContext context) throws IOException {
        try {
            for (BenchPathFactory f : factories) {
                try {
                    running.put(f.name(), f.start(service));
                } catch (PathUnavailableException e) {
                    unavailable.put(f.name(), e.getMessage());
                    context.note(f.name() + " skipped: " + e.getMessage());
                }
            }
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    Map<String, BenchPath> running() {
        return running;
    }

    /** Paths that could not start, with the reason. */
    Map<String, String> unavailable() {
        return unavailable;
    }

    @Override
    public void close() {
        running.values().forEach(BenchPath::close);
    }
}
