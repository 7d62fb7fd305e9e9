package dev.mtcp.harness.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mtcp.harness.link.Direction;
import dev.mtcp.harness.link.Impairment;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ScenarioParserTest {
    private static final String VALID = """
            name: demo
            duration: 20s
            servers:
              - id: s1
                app: stream
                backups: [s2]
              - id: s2
                app: stream
            links:
              default: {delay: 25ms, jitter: 5ms, loss: 1%, rate: 10mbit}
              s2: {to: {delay: 40ms}, from: {rate: 5mbit}}
              client: {delay: 2ms}
            workload: {app: stream, connections: 3, bytes: 50MB}
            policy:
              triggers: {any: [{goodput_below: 2mbit, for: 2s}]}
            timeline:
              - at: 5s
                degrade: s1
                rate: 500kbit
                direction: to
              - {at: 8s, kill: s2}
              - {at: 9s, cut: client}
              - {at: 12s, migrate: s1}
            expect:
              stream_intact: true
              migrations: ">= 2"
              max_pause: "< 2s"
              no_migration_to: [s2]
            """;

    private static Scenario parse(String text) {
        return ScenarioParser.parse("demo.yaml", text, Path.of("."));
    }

    @Test
    void shouldReadEverySectionWhenScenarioIsValid() {
        Scenario s = parse(VALID);
        assertThat(s.name()).isEqualTo("demo");
        assertThat(s.duration()).isEqualTo(Duration.ofSeconds(20));
        assertThat(s.servers()).extracting(ServerSpec::id).containsExactly("s1", "s2");
        assertThat(s.servers().getFirst().backups()).containsExactly("s2");
        Impairment wan = new Impairment(Duration.ofMillis(25), Duration.ofMillis(5), 1, 10_000_000);
        assertThat(s.link("s1")).isEqualTo(LinkProfile.symmetric(wan));
        assertThat(s.link("s2").toHost().delay()).isEqualTo(Duration.ofMillis(40));
        assertThat(s.link("s2").fromHost()).isEqualTo(wan.withRateBitsPerSecond(5_000_000));
        assertThat(s.link("client").toHost().delay()).isEqualTo(Duration.ofMillis(2));
        assertThat(s.workload()).isEqualTo(new Workload(App.STREAM, 3, 50_000_000, Workload.ClientKind.BUILTIN, "s1"));
        assertThat(s.policy()).containsInstanceOf(PolicySource.Inline.class);
        assertThat(s.timeline()).hasSize(4);
        TimelineEvent.Degrade degrade = (TimelineEvent.Degrade) s.timeline().getFirst();
        assertThat(degrade.change().directions()).containsExactly(Direction.TO_HOST);
        assertThat(degrade.change().applyTo(wan).rateBitsPerSecond()).isEqualTo(500_000);
        assertThat(s.timeline().get(1)).isEqualTo(new TimelineEvent.Kill(Duration.ofSeconds(8), "s2"));
        assertThat(s.timeline().get(3)).isInstanceOf(TimelineEvent.Migrate.class);
        assertThat(s.expect().streamIntact()).contains(true);
        assertThat(s.expect().migrations().orElseThrow().holds(2L)).isTrue();
        assertThat(s.expect().migrations().orElseThrow().holds(1L)).isFalse();
        assertThat(s.expect().maxPause().orElseThrow().holds(Duration.ofMillis(1999))).isTrue();
        assertThat(s.expect().noMigrationTo()).containsExactly("s2");
    }

    @Test
    void shouldNameFileLineAndFieldWhenKnobIsMalformed() {
        assertThatThrownBy(() -> parse(VALID.replace("rate: 500kbit", "rate: 500kbps")))
                .isInstanceOf(ScenarioException.class)
                .hasMessageStartingWith("demo.yaml:19: timeline[0].rate: unknown rate unit");
    }

    @Test
    void shouldNameTheFieldWhenUnknownFieldIsUsed() {
        assertThatThrownBy(() -> parse(VALID.replace("stream_intact: true", "stream_intakt: true")))
                .hasMessageStartingWith("demo.yaml:25: expect.stream_intakt: unknown field");
    }

    @Test
    void shouldRejectEventOnUnknownServerWhenTimelineNamesIt() {
        assertThatThrownBy(() -> parse(VALID.replace("kill: s2", "kill: s7")))
                .hasMessageContaining("demo.yaml:21: timeline[1].kill: no server named 's7'");
        assertThatThrownBy(() -> parse(VALID.replace("kill: s2", "kill: client")))
                .hasMessageContaining("no server named 'client'");
    }

    @Test
    void shouldRejectImpossibleLinkWhenDegradeMakesJitterExceedDelay() {
        assertThatThrownBy(() -> parse(VALID.replace("rate: 500kbit", "delay: 2ms")))
                .hasMessageContaining("timeline[0].degrade: jitter (5 ms) must not exceed the delay (2 ms)");
    }

    @Test
    void shouldRejectBadComparisonWhenExpectationIsMalformed() {
        assertThatThrownBy(() -> parse(VALID.replace("\">= 2\"", "\"at least 2\"")))
                .hasMessageContaining("expect.migrations: 'at least 2' is not a comparison with a count");
    }

    @Test
    void shouldRejectEventsOutOfOrderOrPastTheEnd() {
        assertThatThrownBy(() -> parse(VALID.replace("at: 8s", "at: 4s")))
                .hasMessageContaining("timeline[1].at: events must be in time order");
        assertThatThrownBy(() -> parse(VALID.replace("at: 12s", "at: 25s")))
                .hasMessageContaining("timeline[3].at: is after the scenario's duration");
    }

    @Test
    void shouldRequireServersInOrderWhenNamed() {
        assertThatThrownBy(() -> parse(VALID.replace("- id: s2", "- id: s3")))
                .hasMessageContaining("servers[1].id: servers are named s1, s2, ... in order");
    }

    @Test
    void shouldReportYamlSyntaxErrorWithLine() {
        assertThatThrownBy(() -> parse("name: x\nservers: [\n  - id"))
                .isInstanceOf(ScenarioException.class)
                .hasMessageStartingWith("demo.yaml:")
                .hasMessageContaining("not valid YAML");
    }

    @Test
    void shouldRejectMissingExpectationsWhenAbsent() {
        String noExpect = VALID.substring(0, VALID.indexOf("expect:"));
        assertThatThrownBy(() -> parse(noExpect)).hasMessageContaining("expect: is missing");
    }

    @Test
    void shouldRejectMissingPolicyFileWhenPathGiven() {
        String withFile = VALID.replace("policy:\n  triggers: {any: [{goodput_below: 2mbit, for: 2s}]}",
                "policy: no-such-policy.yaml");
        assertThatThrownBy(() -> parse(withFile)).hasMessageContaining("policy: policy file")
                .hasMessageContaining("does not exist");
    }
}
