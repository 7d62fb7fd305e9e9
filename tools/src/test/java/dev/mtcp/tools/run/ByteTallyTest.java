package dev.mtcp.tools.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ByteTallyTest {
    @Test
    void shouldAddOnlyWhatEachConnectionCarriedSinceTheLastSample() {
        ByteTally tally = new ByteTally();

        tally.sample(Map.of("a", new long[] {10, 100}, "b", new long[] {1, 2}));
        tally.sample(Map.of("a", new long[] {15, 160}, "b", new long[] {1, 2}));

        assertThat(tally.up()).isEqualTo(16);
        assertThat(tally.down()).isEqualTo(162);
    }

    @Test
    void shouldKeepTotalsMonotonicWhenConnectionsCloseOrComeBack() {
        ByteTally tally = new ByteTally();
        tally.sample(Map.of("a", new long[] {50, 500}));
        tally.sample(Map.of());
        tally.sample(Map.of("a", new long[] {20, 700}));

        assertThat(tally.up()).isEqualTo(70);
        assertThat(tally.down()).isEqualTo(1200);
        tally.sample(Map.of("a", new long[] {10, 10}));
        assertThat(tally.up()).isEqualTo(70);
        assertThat(tally.down()).isEqualTo(1200);
    }
}
