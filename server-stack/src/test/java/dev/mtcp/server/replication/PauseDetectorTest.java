package dev.mtcp.server.replication;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The watchdog's measure: a tick that comes far later than the gap means the process did not run. */
class PauseDetectorTest {
    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final PauseDetector detector = new PauseDetector(nanos::get, Duration.ofSeconds(1));

    private long tickAfter(long millis) {
        nanos.addAndGet(TimeUnit.MILLISECONDS.toNanos(millis));
        return detector.check();
    }

    @Test
    void shouldReportNothingWhenTicksComeOnTime() {
        for (int i = 0; i < 50; i++) {
            assertThat(tickAfter(100)).isZero();
        }
        assertThat(tickAfter(1000)).as("exactly the gap is not a pause").isZero();
    }

    @Test
    void shouldReportHowLongTheProcessStoodStillWhenATickComesAfterThePause() {
        tickAfter(100);
        assertThat(tickAfter(20_000)).isEqualTo(TimeUnit.SECONDS.toNanos(20));
        assertThat(tickAfter(100)).as("once only: the next tick is on time again").isZero();
    }
}
