package dev.mtcp.harness.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.LongStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class PercentilesTest {

    @Test
    void shouldUseNearestRankWhenSamplesAreOneToThousand() {
        long[] samples = LongStream.rangeClosed(1, 1000).map(i -> 1001 - i).toArray(); // reversed: must sort
        Percentiles p = Percentiles.of(samples);
        assertThat(p.count()).isEqualTo(1000);
        assertThat(p.minNanos()).isEqualTo(1);
        assertThat(p.p50Nanos()).isEqualTo(500);
        assertThat(p.p99Nanos()).isEqualTo(990);
        assertThat(p.p999Nanos()).isEqualTo(999);
        assertThat(p.maxNanos()).isEqualTo(1000);
        assertThat(samples[0]).as("input left unsorted").isEqualTo(1000);
    }

    @Test
    void shouldReturnTheOnlySampleWhenThereIsOne() {
        Percentiles p = Percentiles.of(new long[] {42});
        assertThat(p.p50Nanos()).isEqualTo(42);
        assertThat(p.p999Nanos()).isEqualTo(42);
    }

    @Test
    void shouldRefuseWhenNoSamples() {
        assertThatThrownBy(() -> Percentiles.of(new long[0])).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("samples");
    }

    @Property(tries = 200)
    void shouldBeOrderedWhenSamplesAreArbitrary(@ForAll @Size(min = 1, max = 300) long[] raw,
                                                 @ForAll @LongRange(min = 1, max = 1_000_000) long scale) {
        long[] samples = LongStream.of(raw).map(v -> Math.floorMod(v, scale)).toArray();
        Percentiles p = Percentiles.of(samples);
        assertThat(p.minNanos()).isLessThanOrEqualTo(p.p50Nanos());
        assertThat(p.p50Nanos()).isLessThanOrEqualTo(p.p99Nanos());
        assertThat(p.p99Nanos()).isLessThanOrEqualTo(p.p999Nanos());
        assertThat(p.p999Nanos()).isLessThanOrEqualTo(p.maxNanos());
    }
}
