package dev.mtcp.harness.run;

import java.time.Duration;
import java.util.List;

/**
 * What a run observed, in the terms of the expectations.
 *
 * @param streamsIntact     every connection's bytes verified exactly (none lost, repeated or reordered)
 * @param migrationTargets  the server each migration moved to, in order, over all connections
 * @param maxPause          the longest time a connection delivered nothing while data was due
 */
public record RunObservation(boolean streamsIntact, List<String> migrationTargets, Duration maxPause) {
    public RunObservation {
        migrationTargets = List.copyOf(migrationTargets);
    }
}
