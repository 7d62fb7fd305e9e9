package dev.mtcp.harness.scenario;

import dev.mtcp.harness.link.Direction;
import dev.mtcp.harness.link.Impairment;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.Set;

/**
 * A change of some of a link's knobs (a {@code degrade} event); knobs not named keep their value.
 *
 * @param directions which directions change (both unless the event says {@code direction: to|from})
 */
public record LinkChange(Optional<Duration> delay, Optional<Duration> jitter, OptionalDouble lossPercent,
        OptionalLong rateBitsPerSecond, Set<Direction> directions) {
    public LinkChange {
        directions = Set.copyOf(directions.isEmpty() ? EnumSet.allOf(Direction.class) : directions);
    }

    /** The impairment after this change, starting from {@code current}. */
    public Impairment applyTo(Impairment current) {
        return new Impairment(delay.orElse(current.delay()), jitter.orElse(current.jitter()),
                lossPercent.orElse(current.lossPercent()), rateBitsPerSecond.orElse(current.rateBitsPerSecond()));
    }
}
