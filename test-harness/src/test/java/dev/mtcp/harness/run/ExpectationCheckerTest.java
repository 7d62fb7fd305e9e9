package dev.mtcp.harness.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mtcp.harness.scenario.Expectations;
import dev.mtcp.harness.scenario.ScenarioParser;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExpectationCheckerTest {
    private static Expectations expect(String block) {
        return ScenarioParser.parse("e.yaml", """
                name: e
                duration: 10s
                servers: [{id: s1, app: stream}, {id: s2, app: stream}]
                workload: {app: stream, bytes: 1MB}
                expect:
                """ + block.indent(2), Path.of(".")).expect();
    }

    @Test
    void shouldPassEveryExpectationWhenTheRunMetThem() {
        Expectations e = expect("""
                stream_intact: true
                migrations: ">= 2"
                max_pause: "< 2s"
                no_migration_to: s1
                """);
        List<ExpectationResult> results = ExpectationChecker.check(e,
                new RunObservation(true, List.of("s2", "s2"), Duration.ofMillis(1500)));
        assertThat(results).extracting(ExpectationResult::name)
                .containsExactly("stream_intact", "migrations", "max_pause", "no_migration_to s1");
        assertThat(results).allMatch(ExpectationResult::passed);
    }

    @Test
    void shouldSayWhatWasSeenWhenExpectationsFail() {
        Expectations e = expect("""
                stream_intact: true
                migrations: ">= 2"
                max_pause: "< 2s"
                no_migration_to: [s1]
                """);
        List<ExpectationResult> results = ExpectationChecker.check(e,
                new RunObservation(false, List.of("s2", "s1", "s2"), Duration.ofMillis(2000)));
        assertThat(results).filteredOn(r -> !r.passed()).extracting(ExpectationResult::toString).containsExactly(
                "FAIL stream_intact: expected true, got false",
                "FAIL max_pause: expected < 2000 ms, got 2000 ms",
                "FAIL no_migration_to s1: expected 0 migrations to s1, got 1 migrations to s1");
        assertThat(results.get(1)).isEqualTo(new ExpectationResult("migrations", ">= 2", "3", true));
    }

    @Test
    void shouldCheckNothingWhenNothingIsExpected() {
        Expectations e = expect("migrations: \"== 0\"");
        assertThat(ExpectationChecker.check(e, new RunObservation(true, List.of(), Duration.ZERO)))
                .containsExactly(new ExpectationResult("migrations", "== 0", "0", true));
    }
}
