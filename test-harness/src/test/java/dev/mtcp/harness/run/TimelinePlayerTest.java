package dev.mtcp.harness.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mtcp.harness.scenario.Scenario;
import dev.mtcp.harness.scenario.ScenarioParser;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class TimelinePlayerTest {
    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    private final AtomicReference<Instant> now = new AtomicReference<>(START);
    /** A clock that only moves when the player waits: the pacer jumps it to the awaited instant. */
    private final InstantSource clock = now::get;
    private final TimelinePlayer player = new TimelinePlayer(clock,
            instant -> now.set(instant.isAfter(now.get()) ? instant : now.get()));

    private static Scenario scenario() {
        return ScenarioParser.parse("t.yaml", """
                name: t
                duration: 20s
                servers: [{id: s1, app: echo}, {id: s2, app: echo}]
                workload: {app: echo, bytes: 1KB}
                timeline:
                  - {at: 1s, degrade: s1, loss: 1%}
                  - {at: 2s, cut: s1}
                  - {at: 2s, stop: s2}
                  - {at: 4500ms, cont: s2}
                  - {at: 5s, restore: s1}
                  - {at: 6s, drain: s1}
                  - {at: 7s, migrate: s2}
                  - {at: 8s, kill: s2}
                  - {at: 9s, reset: s1}
                expect: {stream_intact: true}
                """, Path.of("."));
    }

    @Test
    void shouldPerformEveryEventInOrderAtItsTimeWhenPlayed() throws InterruptedException {
        RecordingFaultActions actions = new RecordingFaultActions("");
        List<PlayedEvent> played = player.play(scenario().timeline(), START, actions);

        assertThat(actions.calls).containsExactly("degrade s1", "cut s1", "stop s2", "cont s2", "restore s1",
                "drain s1", "migrate s2", "kill s2", "reset s1");
        assertThat(played).extracting(PlayedEvent::startedAt).containsExactly(Duration.ofSeconds(1),
                Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofMillis(4500), Duration.ofSeconds(5),
                Duration.ofSeconds(6), Duration.ofSeconds(7), Duration.ofSeconds(8), Duration.ofSeconds(9));
        assertThat(played).allMatch(PlayedEvent::succeeded);
    }

    @Test
    void shouldRecordTheErrorAndGoOnWhenAnActionFails() throws InterruptedException {
        RecordingFaultActions actions = new RecordingFaultActions("stop s2");
        List<PlayedEvent> played = player.play(scenario().timeline(), START, actions);

        assertThat(played.get(2).error()).contains("stop s2 went wrong");
        assertThat(played).filteredOn(p -> !p.succeeded()).hasSize(1);
        assertThat(actions.calls).as("later events still happen").contains("cont s2", "reset s1");
    }

    @Test
    void shouldDescribeEventsByVerbAndTarget() {
        assertThat(scenario().timeline()).extracting(TimelinePlayer::describe)
                .startsWith("degrade s1", "cut s1", "stop s2");
    }
}
