package dev.mtcp.tools.wan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mtcp.harness.link.Direction;
import dev.mtcp.harness.link.Impairment;
import dev.mtcp.harness.scenario.LinkChange;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LinkRequestTest {
    @Test
    void shouldChangeOnlyTheNamedKnobsInTheNamedDirection() {
        LinkChange change = LinkRequest.change("link s1 delay=80ms loss=2% direction=from".split(" "));
        Impairment before = new Impairment(Duration.ofMillis(10), Duration.ofMillis(2), 0, 20_000_000);

        assertThat(change.directions()).isEqualTo(Set.of(Direction.FROM_HOST));
        assertThat(change.applyTo(before)).isEqualTo(new Impairment(Duration.ofMillis(80), Duration.ofMillis(2), 2.0,
                20_000_000));
    }

    @Test
    void shouldNameTheKnownKnobsWhenOneIsUnknown() {
        assertThatThrownBy(() -> LinkRequest.change("link s1 latency=5ms".split(" ")))
                .hasMessageContaining("unknown knob 'latency' (delay, jitter, loss, rate, direction)");
    }

    @Test
    void shouldRefuseABadRateUnit() {
        assertThatThrownBy(() -> LinkRequest.change("link s1 rate=500kbps".split(" ")))
                .hasMessageContaining("500kbps");
    }
}
