package dev.mtcp.tools.demo;

import java.nio.file.Path;
import java.util.Optional;

/** The outcome of one demo run. */
record DemoResult(ServedFile served, Path received, String receivedSha256, String clientName, DemoTimeline timeline,
        Optional<String> failure) {
    boolean bytesVerified() {
        return served.sha256().equals(receivedSha256);
    }

    long qosMigrations() {
        return timeline.migrations().stream().filter(m -> m.from().equals("s1") && m.reason().startsWith("qos")).count();
    }

    boolean failedOver() {
        return timeline.events().stream().anyMatch(e -> e.what().startsWith("kill"))
                && timeline.migrations().size() >= 2;
    }

    /** Passed: every byte verified, the policy moved the connection, and it survived the kill. */
    boolean passed() {
        return failure.isEmpty() && bytesVerified() && qosMigrations() >= 1 && failedOver();
    }
}
