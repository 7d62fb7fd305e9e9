package dev.mtcp.harness.run;

import dev.mtcp.harness.scenario.TimelineEvent;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plays a scenario's timeline: waits for each event's {@code at} (from {@code start}) and performs
 * it. A failing action is recorded with its error and the timeline goes on: the run is then failed
 * by the runner, but later events (a {@code restore}, a {@code cont}) still happen.
 */
public final class TimelinePlayer {
    private static final Logger LOG = LoggerFactory.getLogger(TimelinePlayer.class);

    /** Blocks until the clock reaches an instant. */
    @FunctionalInterface
    public interface Pacer {
        void awaitInstant(Instant instant) throws InterruptedException;
    }

    private final InstantSource clock;
    private final Pacer pacer;

    public TimelinePlayer(InstantSource clock, Pacer pacer) {
        this.clock = clock;
        this.pacer = pacer;
    }

    /** A player on the system clock that parks until each event's time. */
    public static TimelinePlayer onSystemClock() {
        InstantSource clock = InstantSource.system();
        return new TimelinePlayer(clock, instant -> {
            for (Duration left = Duration.between(clock.instant(), instant); left.isPositive();
                    left = Duration.between(clock.instant(), instant)) {
                Thread.sleep(left); // waiting for a point in time, not for a condition
            }
        });
    }

    /** Plays every event in order and returns what happened; stops early only when interrupted. */
    public List<PlayedEvent> play(List<TimelineEvent> timeline, Instant start, FaultActions actions)
            throws InterruptedException {
        List<PlayedEvent> played = new ArrayList<>();
        for (TimelineEvent event : timeline) {
            pacer.awaitInstant(start.plus(event.at()));
            Instant began = clock.instant();
            String error = null;
            try {
                perform(event, actions);
            } catch (RuntimeException e) {
                error = e.getMessage() == null ? e.toString() : e.getMessage();
                LOG.warn("timeline event at {} ms failed: {}: {}", event.at().toMillis(), describe(event), error);
            }
            played.add(new PlayedEvent(event, Duration.between(start, began), Duration.between(began, clock.instant()),
                    java.util.Optional.ofNullable(error)));
        }
        return played;
    }

    static void perform(TimelineEvent event, FaultActions actions) {
        switch (event) {
            case TimelineEvent.Degrade d -> actions.degrade(d.target(), d.change());
            case TimelineEvent.Reset r -> actions.reset(r.target());
            case TimelineEvent.Kill k -> actions.kill(k.target());
            case TimelineEvent.Stop s -> actions.stop(s.target());
            case TimelineEvent.Cont c -> actions.cont(c.target());
            case TimelineEvent.Cut c -> actions.cut(c.target());
            case TimelineEvent.Restore r -> actions.restore(r.target());
            case TimelineEvent.Drain d -> actions.drain(d.target());
            case TimelineEvent.Migrate m -> actions.migrateAll(m.target());
        }
    }

    /** {@code "kill s2"}, {@code "degrade s1"}: for logs and reports. */
    public static String describe(TimelineEvent event) {
        String kind = event.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT);
        return kind + " " + event.target();
    }
}
