package dev.mtcp.harness.workload;

import java.util.Optional;

/**
 * What one client connection of a workload saw.
 *
 * @param index          the connection's number in the workload (0-based)
 * @param intact         every expected byte arrived exactly once, in order, and nothing more
 * @param bytes          verified bytes received
 * @param sha256         SHA-256 (hex) of everything received
 * @param maxPauseMillis the longest stretch without a received byte while bytes were still due
 * @param error          what went wrong, empty when intact
 */
public record ConnectionOutcome(int index, boolean intact, long bytes, String sha256, long maxPauseMillis,
        Optional<String> error) {
    public ConnectionOutcome {
        if (intact && error.isPresent()) {
            throw new IllegalArgumentException("an intact connection has no error: " + error.get());
        }
    }
}
