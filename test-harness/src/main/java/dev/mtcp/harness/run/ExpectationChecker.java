package dev.mtcp.harness.run;

import dev.mtcp.harness.scenario.Expectations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Compares a run's observation with the scenario's expectations, one result per stated expectation. */
public final class ExpectationChecker {
    private ExpectationChecker() {
    }

    public static List<ExpectationResult> check(Expectations expect, RunObservation seen) {
        List<ExpectationResult> results = new ArrayList<>();
        expect.streamIntact().ifPresent(wanted -> results.add(new ExpectationResult("stream_intact",
                Boolean.toString(wanted), Boolean.toString(seen.streamsIntact()), wanted == seen.streamsIntact())));
        expect.migrations().ifPresent(bound -> {
            long count = seen.migrationTargets().size();
            results.add(new ExpectationResult("migrations", bound.toString(), Long.toString(count), bound.holds(count)));
        });
        expect.maxPause().ifPresent(bound -> results.add(new ExpectationResult("max_pause",
                bound.comparison().symbol() + " " + millis(bound.value()), millis(seen.maxPause()),
                bound.holds(seen.maxPause()))));
        for (String forbidden : expect.noMigrationTo()) {
            long moves = seen.migrationTargets().stream().filter(forbidden::equals).count();
            results.add(new ExpectationResult("no_migration_to " + forbidden, "0 migrations to " + forbidden,
                    moves + " migrations to " + forbidden, moves == 0));
        }
        return results;
    }

    private static String millis(Duration d) {
        return d.toMillis() + " ms";
    }
}
