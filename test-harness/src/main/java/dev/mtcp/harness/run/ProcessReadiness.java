package dev.mtcp.harness.run;

import dev.mtcp.harness.testbed.TestbedException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** Waits for a started process to print its ready line into its log, or to die trying. */
final class ProcessReadiness {
    private static final long POLL_MILLIS = 50;

    private ProcessReadiness() {
    }

    /** Returns once {@code log} holds a line containing {@code needle}; fails if the process exits or time runs out. */
    static void await(String what, Process process, Path log, String needle, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (contains(log, needle)) {
                return;
            }
            if (!process.isAlive()) {
                throw new TestbedException(what + " exited with code " + process.exitValue() + " before it was ready: "
                        + tail(log, 5));
            }
            if (System.nanoTime() > deadline) {
                throw new TestbedException(what + " did not print '" + needle + "' within " + timeout.toSeconds()
                        + " s: " + tail(log, 5));
            }
            Thread.sleep(POLL_MILLIS); // polling the log with a deadline
        }
    }

    private static boolean contains(Path log, String needle) {
        try {
            return Files.exists(log) && Files.readString(log).contains(needle);
        } catch (IOException e) {
            return false;
        }
    }

    /** The last lines of a log, joined, for error messages. */
    static String tail(Path log, int lines) {
        try {
            List<String> all = Files.readAllLines(log);
            return String.join(" | ", all.subList(Math.max(0, all.size() - lines), all.size())) + " (log: " + log + ")";
        } catch (IOException e) {
            return "(no log at " + log + ")";
        }
    }
}
