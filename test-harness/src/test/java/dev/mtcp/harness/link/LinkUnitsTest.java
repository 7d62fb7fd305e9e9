package dev.mtcp.harness.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class LinkUnitsTest {
    @Test
    void shouldParseDurationsWhenGivenTcUnits() {
        assertThat(LinkUnits.parseDuration("25ms")).isEqualTo(Duration.ofMillis(25));
        assertThat(LinkUnits.parseDuration("1.5s")).isEqualTo(Duration.ofMillis(1500));
        assertThat(LinkUnits.parseDuration("800us")).isEqualTo(Duration.ofNanos(800_000));
        assertThat(LinkUnits.parseDuration("0")).isEqualTo(Duration.ZERO);
    }

    @Test
    void shouldParseDecimalRatesWhenGivenTcUnits() {
        assertThat(LinkUnits.parseRate("500kbit")).isEqualTo(500_000);
        assertThat(LinkUnits.parseRate("10mbit")).isEqualTo(10_000_000);
        assertThat(LinkUnits.parseRate("1gbit")).isEqualTo(1_000_000_000);
        assertThat(LinkUnits.formatRate(10_000_000)).isEqualTo("10mbit");
        assertThat(LinkUnits.formatRate(1_500)).isEqualTo("1500bit");
    }

    @Test
    void shouldParsePercentWhenGivenWithOrWithoutSign() {
        assertThat(LinkUnits.parsePercent("2%")).isEqualTo(2.0);
        assertThat(LinkUnits.parsePercent("0.5")).isEqualTo(0.5);
    }

    @Test
    void shouldSayWhatIsWrongWhenUnitIsMissingOrUnknown() {
        assertThatThrownBy(() -> LinkUnits.parseDuration("25")).hasMessageContaining("needs a unit");
        assertThatThrownBy(() -> LinkUnits.parseRate("10MB/s")).hasMessageContaining("not a rate");
        assertThatThrownBy(() -> LinkUnits.parseRate("10mbps")).hasMessageContaining("unknown rate unit");
        assertThatThrownBy(() -> LinkUnits.parsePercent("150%")).hasMessageContaining("above 100%");
    }

    @Test
    void shouldRejectJitterLargerThanDelayWhenBuildingImpairment() {
        assertThatThrownBy(() -> new Impairment(Duration.ofMillis(5), Duration.ofMillis(10), 0, 0))
                .hasMessageContaining("must not exceed the delay");
    }
}
