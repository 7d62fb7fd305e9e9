package dev.mtcp.harness.link;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class DelayScheduleTest {
    private static final long MS = 1_000_000;

    @Test
    void shouldReleaseAfterExactDelayWhenNoJitter() {
        DelaySchedule schedule = new DelaySchedule(new DelaySchedule.Settings(25 * MS, 0), new SplittableRandom(1));
        assertThat(schedule.releaseAtNanos(1000)).isEqualTo(1000 + 25 * MS);
    }

    @Property(tries = 50)
    void shouldKeepOrderAndStayWithinBoundsWhenJittered(@ForAll @LongRange(min = 1, max = 20) long jitterMs,
            @ForAll long seed) {
        DelaySchedule schedule = new DelaySchedule(new DelaySchedule.Settings(25 * MS, jitterMs * MS),
                new SplittableRandom(seed));
        long previous = Long.MIN_VALUE;
        for (long arrival = 0; arrival < 500 * MS; arrival += MS / 2) {
            long release = schedule.releaseAtNanos(arrival);
            assertThat(release).isGreaterThanOrEqualTo(previous);
            assertThat(release - arrival).isLessThanOrEqualTo((25 + jitterMs) * MS);
            previous = release;
        }
    }

    @Test
    void shouldAverageTheDelayWhenPacketsAreSparse() {
        DelaySchedule schedule = new DelaySchedule(new DelaySchedule.Settings(25 * MS, 5 * MS), new SplittableRandom(7));
        double sum = 0;
        int n = 10_000;
        for (int i = 0; i < n; i++) {
            long arrival = i * 100 * MS;
            sum += schedule.releaseAtNanos(arrival) - arrival;
        }
        assertThat(sum / n / MS).isBetween(24.8, 25.2);
    }

    @Test
    void shouldUseNewSettingsWhenUpdated() {
        DelaySchedule schedule = new DelaySchedule(new DelaySchedule.Settings(25 * MS, 0), new SplittableRandom(1));
        schedule.update(new DelaySchedule.Settings(80 * MS, 0));
        assertThat(schedule.releaseAtNanos(0)).isEqualTo(80 * MS);
    }
}
