package dev.mtcp.harness.workload;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PauseMeterTest {
    private static final long MS = 1_000_000;

    @Test
    void shouldMeasureTheLongestGapWhileBytesAreDue() {
        PauseMeter m = new PauseMeter();
        m.due(0);
        m.delivered(100 * MS, true);
        m.delivered(1_600 * MS, true);
        m.delivered(1_700 * MS, false);

        assertThat(m.maxPauseMillis(99_000 * MS)).isEqualTo(1500);
    }

    @Test
    void shouldNotCountIdleTimeWhenNothingIsDue() {
        PauseMeter m = new PauseMeter();
        m.due(0);
        m.delivered(100 * MS, false);  // all caught up
        m.due(5_000 * MS);              // the next bytes are sent 4.9 s later
        m.delivered(5_200 * MS, false);

        assertThat(m.maxPauseMillis(10_000 * MS)).isEqualTo(200);
    }

    @Test
    void shouldCountTheOpenGapWhenBytesAreStillDue() {
        PauseMeter m = new PauseMeter();
        m.due(0);
        m.delivered(100 * MS, true);

        assertThat(m.maxPauseMillis(3_100 * MS)).isEqualTo(3000);
    }
}
