package dev.mtcp.harness.run;

import dev.mtcp.harness.workload.ConnectionOutcome;
import dev.mtcp.harness.workload.ProgressSample;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Everything a scenario run produced: what happened, what was measured and whether it met the
 * expectations. A run passes when it ran without errors (setup, timeline actions, workload) and
 * every expectation held.
 *
 * @param emulation        {@code netem} or {@code fallback}; empty string when the testbed never came up
 * @param errors           what went wrong besides the expectations (a server that did not start, a failed action)
 * @param migrationsTotal  the proxy's own count of completed migrations (its metrics), when it could be read
 * @param migrationReasons the proxy's count by kind of migration (operator, qos, failover, hint...)
 */
public record RunResult(String scenario, String description, String emulation, Instant startedAt,
        double elapsedSeconds, List<ExpectationResult> expectations, List<PlayedEvent> events,
        List<Migration> migrations, OptionalLong migrationsTotal, Map<String, Long> migrationReasons,
        List<ConnectionOutcome> outcomes,
        List<ProgressSample> progress, List<RunSample> samples, List<String> errors) {
    public RunResult {
        expectations = List.copyOf(expectations);
        events = List.copyOf(events);
        migrations = List.copyOf(migrations);
        migrationReasons = Map.copyOf(migrationReasons);
        outcomes = List.copyOf(outcomes);
        progress = List.copyOf(progress);
        samples = List.copyOf(samples);
        errors = List.copyOf(errors);
    }

    public boolean passed() {
        return errors.isEmpty() && !expectations.isEmpty() && expectations.stream().allMatch(ExpectationResult::passed);
    }

    /** Every reason the run failed: the errors, then the failed expectations ({@code FAIL name: ...}). */
    public List<String> failures() {
        List<String> failures = new ArrayList<>(errors);
        expectations.stream().filter(e -> !e.passed()).map(ExpectationResult::toString).forEach(failures::add);
        return failures;
    }
}
