package dev.mtcp.harness.workload;

import java.util.List;

/**
 * Verified bytes received per connection at an instant.
 *
 * @param elapsedMillis since the workload started
 */
public record ProgressSample(long elapsedMillis, List<Long> bytes) {
    public ProgressSample {
        bytes = List.copyOf(bytes);
    }
}
