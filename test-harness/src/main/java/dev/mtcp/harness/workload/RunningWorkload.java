package dev.mtcp.harness.workload;

import java.time.Duration;
import java.util.List;

/** The clients of a run, as the runner sees them while they run. */
public interface RunningWorkload extends AutoCloseable {
    /** Blocks until every connection is open and its bytes are due; fails with what went wrong. */
    void awaitStarted(Duration timeout) throws InterruptedException;

    /** Progress so far, oldest first. */
    List<ProgressSample> progress();

    /** Blocks until every connection has its outcome (at most {@code timeout}); one outcome per connection. */
    List<ConnectionOutcome> awaitOutcomes(Duration timeout) throws InterruptedException;

    /** Stops whatever still runs. */
    @Override
    void close();
}
