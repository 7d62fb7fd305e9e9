package dev.mtcp.qos.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

@Timeout(10)
class UnitsTest {

    @ParameterizedTest
    @CsvSource({"2mbit, 2000000", "500kbit, 500000", "1.5MB/s, 12000000", "100KiB/s, 819200", "100KiB, 819200",
            "1gbit, 1000000000", "64bit, 64", "2Mbit, 2000000", "10Mb/s, 10000000", "3kb/s, 3000",
            "1B/s, 8", "2kB/s, 16000", "1MiB/s, 8388608", "1GiB/s, 8589934592", "2mbit/s, 2000000"})
    void shouldParseRatesWhenWrittenAsPeopleDo(String text, long bits) {
        assertThat(Units.parseRate(text).bitsPerSecond()).isEqualTo(bits);
    }

    @ParameterizedTest
    @CsvSource({"300ms, 300000000", "5s, 5000000000", "1m, 60000000000", "1h, 3600000000000",
            "1.5s, 1500000000", "1m30s, 90000000000", "250us, 250000", "0s, 0", "2ns, 2"})
    void shouldParseDurationsWhenWrittenAsPeopleDo(String text, long nanos) {
        assertThat(Units.parseDuration(text)).isEqualTo(Duration.ofNanos(nanos));
    }

    @ParameterizedTest
    @CsvSource({"1%, 0.01", "20%, 0.2", "0.5%, 0.005", "100%, 1.0"})
    void shouldParsePercentagesWhenWrittenWithPercentSign(String text, double fraction) {
        assertThat(Units.parsePercent(text)).isEqualTo(fraction);
    }

    @ParameterizedTest
    @ValueSource(strings = {"5x", "5", "s", "-1s", "5 seconds", "1.s", ""})
    void shouldRefuseDurationsWhenMalformed(String text) {
        assertThatThrownBy(() -> Units.parseDuration(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is not a duration");
    }

    @Test
    void shouldSayUnitIsMissingWhenDurationIsBareNumber() {
        assertThatThrownBy(() -> Units.parseDuration("5")).hasMessage(
                "\"5\" is not a duration: it needs a unit (use e.g. 300ms, 5s, 1m)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"2", "fast", "2mbits", "2 furlongs", "-1mbit", "0mbit", "2mb", "1.5Mb"})
    void shouldRefuseRatesWhenMalformed(String text) {
        assertThatThrownBy(() -> Units.parseRate(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(text.isEmpty() ? "rate" : "\"" + text + "\"");
    }

    @Test
    void shouldCallMbpsAmbiguousWhenBitsOrBytesUnclear() {
        assertThatThrownBy(() -> Units.parseRate("2mbps")).hasMessage(
                "\"2mbps\" is ambiguous (bits or bytes?): write 2mbit for bits/s or 2MB/s for bytes/s");
    }

    @ParameterizedTest
    @ValueSource(strings = {"5", "0.2", "x%", "-1%"})
    void shouldRefusePercentagesWhenNoPercentSign(String text) {
        assertThatThrownBy(() -> Units.parsePercent(text)).hasMessageContaining("is not a percentage");
    }

    @Test
    void shouldFormatNormalizedWhenPrinting() {
        assertThat(Units.formatRate(Units.parseRate("1.5MB/s"))).isEqualTo("12mbit");
        assertThat(Units.formatRate(Units.parseRate("100KiB/s"))).isEqualTo("819.2kbit");
        assertThat(Units.formatDuration(Duration.ofSeconds(90))).isEqualTo("1m30s");
        assertThat(Units.formatDuration(Duration.ofMillis(1500))).isEqualTo("1.5s");
        assertThat(Units.formatDuration(Duration.ofMillis(300))).isEqualTo("300ms");
        assertThat(Units.formatDuration(Duration.ofMinutes(120).plusMillis(250))).isEqualTo("2h0.25s");
        assertThat(Units.formatDuration(Duration.ZERO)).isEqualTo("0s");
        assertThat(Units.formatPercent(0.005)).isEqualTo("0.5%");
        assertThat(Units.formatPercent(0.2)).isEqualTo("20%");
        assertThat(Units.formatBitsPerSecond(819_234)).isEqualTo("819.234kbit");
        assertThat(Units.formatBitsPerSecond(0)).isEqualTo("0bit");
    }
}
