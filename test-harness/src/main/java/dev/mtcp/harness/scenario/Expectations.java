package dev.mtcp.harness.scenario;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What must hold at the end of a run.
 *
 * @param streamIntact   every byte arrived exactly once, in order (checked byte for byte)
 * @param migrations     the number of migrations over all connections
 * @param maxPause       the longest time any connection delivered nothing while data was due
 * @param noMigrationTo  servers no connection may ever move to
 */
public record Expectations(Optional<Boolean> streamIntact, Optional<Bound<Long>> migrations,
        Optional<Bound<Duration>> maxPause, List<String> noMigrationTo) {
    public Expectations {
        noMigrationTo = List.copyOf(noMigrationTo);
    }
}
