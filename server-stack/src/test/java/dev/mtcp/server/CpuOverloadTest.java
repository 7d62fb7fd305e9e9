package dev.mtcp.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CpuOverloadTest {
    @Test
    void shouldBeOverloadedAtOrAboveTheThresholdOnly() {
        assertThat(new CpuOverload(80, () -> 0.79).overloaded()).isFalse();
        assertThat(new CpuOverload(80, () -> 0.80).overloaded()).isTrue();
        assertThat(new CpuOverload(80, () -> 0.97).loadPermille()).isEqualTo(970);
    }

    @Test
    void shouldNeverBeOverloadedWhenOffOrTheLoadIsUnknown() {
        assertThat(CpuOverload.OFF.overloaded()).isFalse();
        assertThat(CpuOverload.OFF.loadPermille()).isEqualTo(-1);
        assertThat(new CpuOverload(50, () -> Double.NaN).overloaded()).isFalse();
        assertThat(new CpuOverload(50, () -> -1.0).loadPermille()).isEqualTo(-1);
    }

    @Test
    void shouldReadTheMachineLoadAsAFraction() {
        double load = CpuOverload.systemCpuLoad().getAsDouble();
        assertThat(load > 1.0).as("a fraction of the machine, or NaN/negative when unknown").isFalse();
        assertThat(CpuOverload.atPercent(90).percent()).isEqualTo(90);
    }

    @Test
    void shouldRefuseAThresholdOutside0To100() {
        assertThatThrownBy(() -> new CpuOverload(101, () -> 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1..100 percent");
        assertThatThrownBy(() -> new CpuOverload(-1, () -> 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
