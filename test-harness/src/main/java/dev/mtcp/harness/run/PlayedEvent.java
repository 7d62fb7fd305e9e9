package dev.mtcp.harness.run;

import dev.mtcp.harness.scenario.TimelineEvent;
import java.time.Duration;
import java.util.Optional;

/**
 * A timeline event as it happened: when (from the start of the timeline) and whether it worked.
 *
 * @param error  why the action failed, empty when it succeeded
 */
public record PlayedEvent(TimelineEvent event, Duration startedAt, Duration took, Optional<String> error) {
    public boolean succeeded() {
        return error.isEmpty();
    }
}
