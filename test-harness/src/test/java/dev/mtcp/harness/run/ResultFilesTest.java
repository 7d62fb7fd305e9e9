package dev.mtcp.harness.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mtcp.harness.scenario.Scenario;
import dev.mtcp.harness.scenario.ScenarioParser;
import dev.mtcp.harness.workload.ConnectionOutcome;
import dev.mtcp.harness.workload.ProgressSample;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultFilesTest {
    @TempDir
    Path dir;

    private static Scenario scenario() {
        return ScenarioParser.parse("r.yaml", """
                name: r
                description: two moves
                duration: 10s
                servers: [{id: s1, app: stream}, {id: s2, app: stream}]
                links: {default: {delay: 10ms, rate: 20mbit}}
                workload: {app: stream, bytes: 1MB, connections: 2}
                timeline: [{at: 1s, migrate: s2}]
                expect: {stream_intact: true, migrations: ">= 3", no_migration_to: s1}
                """, Path.of("."));
    }

    private static RunResult result(Scenario s, List<String> errors) {
        RunObservation seen = new RunObservation(true, List.of("s2", "s2"), Duration.ofMillis(800));
        List<ProxyConnection> first = List.of(new ProxyConnection("c1", "s1", 1, 0, 10, 100_000, "OPEN"));
        List<ProxyConnection> second = List.of(new ProxyConnection("c1", "s2", 2, 1, 10, 400_000, "OPEN"));
        return new RunResult(s.name(), s.description(), "fallback", Instant.parse("2026-11-29T07:00:00Z"), 12.5,
                ExpectationChecker.check(s.expect(), seen),
                List.of(new PlayedEvent(s.timeline().getFirst(), Duration.ofMillis(1001), Duration.ofMillis(120),
                        Optional.empty())),
                List.of(new Migration(1.25, "c1", "s1", "s2")), OptionalLong.of(2), java.util.Map.of("operator", 2L),
                List.of(new ConnectionOutcome(0, true, 1_000_000, "ab".repeat(32), 800, Optional.empty()),
                        new ConnectionOutcome(1, true, 1_000_000, "cd".repeat(32), 300, Optional.empty())),
                List.of(new ProgressSample(0, List.of(0L, 0L)), new ProgressSample(500, List.of(400_000L, 300_000L)),
                        new ProgressSample(1000, List.of(1_000_000L, 1_000_000L))),
                List.of(new RunSample(0.9, first, List.of(new CarrierRtt("s1", 40000, 21.0))),
                        new RunSample(1.3, second, List.of(new CarrierRtt("s2", 40002, 20.5)))),
                errors);
    }

    @Test
    void shouldWriteTheVerdictWithTheFailedExpectationsIntoResultJson() throws Exception {
        Scenario s = scenario();
        ResultFiles.write(result(s, List.of()), s, dir);

        JsonNode json = new ObjectMapper().readTree(dir.resolve(ResultFiles.RESULT_JSON).toFile());
        assertThat(json.path("passed").asBoolean()).isFalse();
        assertThat(json.path("failures").get(0).asText()).isEqualTo("FAIL migrations: expected >= 3, got 2");
        assertThat(json.path("expectations")).hasSize(3);
        assertThat(json.path("events").get(0).path("event").asText()).isEqualTo("migrate s2");
        assertThat(json.path("migrations").path("counted").asLong()).isEqualTo(2);
        assertThat(json.path("migrations").path("byReason").path("operator").asLong()).isEqualTo(2);
        assertThat(json.path("connections").get(1).path("sha256").asText()).isEqualTo("cd".repeat(32));
    }

    @Test
    void shouldDrawGoodputRttMarkersAndTablesIntoTheReport() throws Exception {
        Scenario s = scenario();
        ResultFiles.write(result(s, List.of("timeline kill s2 at 3000 ms failed: not running")), s, dir);

        String html = Files.readString(dir.resolve(ResultFiles.REPORT_HTML));
        assertThat(html).contains("Scenario r", "FAIL: timeline kill s2", "Goodput per connection", "RTT per carrier",
                "all connections", "conn 1", "→ s2 :40002", "migrate s2", "s1 → s2", "served by s2", "<svg",
                "Expectations", "Timeline", "Migrations", "Connections (verified by the client)");
    }

    @Test
    void shouldPassOnlyWhenThereAreNoErrorsAndEveryExpectationHeld() {
        Scenario s = scenario();
        RunResult ok = new RunResult("r", "", "netem", Instant.EPOCH, 1, List.of(new ExpectationResult("x", "1", "1",
                true)), List.of(), List.of(), OptionalLong.empty(), java.util.Map.of(), List.of(), List.of(), List.of(), List.of());

        assertThat(ok.passed()).isTrue();
        assertThat(result(s, List.of()).passed()).isFalse();
        assertThat(ResultFiles.summaryLines(result(s, List.of("boom")))).contains("ERROR boom")
                .last().asString().startsWith("FAIL r:");
    }

    @Test
    void shouldSayExpectationsWereNotCheckedWhenTheClientsNeverReported() throws Exception {
        Scenario s = scenario();
        RunResult failed = new RunResult("r", "", "", Instant.EPOCH, 3, List.of(), List.of(), List.of(),
                OptionalLong.empty(), java.util.Map.of(), List.of(), List.of(), List.of(),
                List.of("mtcp proxy exited with code 69"));
        ResultFiles.write(failed, s, dir);

        assertThat(failed.passed()).isFalse();
        assertThat(ResultFiles.summaryLines(failed)).containsExactly("expectations not checked: the clients never finished",
                "ERROR mtcp proxy exited with code 69", "FAIL r: 1 failure(s)");
        assertThat(Files.readString(dir.resolve(ResultFiles.REPORT_HTML))).contains("not checked", "Errors");
    }
}
