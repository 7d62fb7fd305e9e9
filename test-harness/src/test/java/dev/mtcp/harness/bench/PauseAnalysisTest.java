package dev.mtcp.harness.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PauseAnalysisTest {
    // responses every 10 ns, except a 500 ns hole between 100 and 600 (a migration asked at 105, done at 550)
    private static final long[] ARRIVALS = {10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 600, 610, 620, 630};

    @Test
    void shouldMeasureTheLongestGapAroundTheMigrationWhenResponsesStall() {
        long[] pauses = PauseAnalysis.pauses(ARRIVALS, ARRIVALS.length, new long[] {105}, new long[] {550});
        assertThat(pauses).containsExactly(500);
    }

    @Test
    void shouldCountTheGapFromTheLastByteBeforeWhenTheRequestFallsBetweenArrivals() {
        long[] pauses = PauseAnalysis.pauses(ARRIVALS, ARRIVALS.length, new long[] {95}, new long[] {605});
        assertThat(pauses).containsExactly(500);
    }

    @Test
    void shouldLeaveOnlySteadyGapsOutsideMigrationWindows() {
        long[] gaps = PauseAnalysis.steadyGaps(ARRIVALS, ARRIVALS.length, new long[] {105}, new long[] {550});
        assertThat(gaps).isNotEmpty().containsOnly(10L);
    }

    @Test
    void shouldReportZeroWhenNothingArrivedAfterTheMigration() {
        long[] pauses = PauseAnalysis.pauses(ARRIVALS, ARRIVALS.length, new long[] {700}, new long[] {800});
        assertThat(pauses).containsExactly(0);
    }
}
