package dev.mtcp.qos.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;

/** Property tests of unit parsing: printing and parsing are inverses, and units scale as documented. */
class UnitsPropertyTest {

    @Property
    void shouldRoundTripRatesWhenFormattedAndParsed(@ForAll @LongRange(min = 1, max = 1_000_000_000_000L) long bits) {
        Rate r = new Rate(bits);
        assertThat(Units.parseRate(Units.formatRate(r))).isEqualTo(r);
    }

    @Property
    void shouldRoundTripDurationsWhenFormattedAndParsed(
            @ForAll @LongRange(min = 0, max = 400L * 24 * 3600 * 1_000_000_000L) long nanos) {
        Duration d = Duration.ofNanos(nanos);
        assertThat(Units.parseDuration(Units.formatDuration(d))).isEqualTo(d);
    }

    @Property
    void shouldScaleRateUnitsWhenSameNumberHasDifferentUnit(@ForAll @LongRange(min = 1, max = 100_000) long n) {
        assertThat(Units.parseRate(n + "kbit").bitsPerSecond()).isEqualTo(n * 1_000);
        assertThat(Units.parseRate(n + "mbit").bitsPerSecond()).isEqualTo(n * 1_000_000);
        assertThat(Units.parseRate(n + "KB/s").bitsPerSecond()).isEqualTo(n * 8_000);
        assertThat(Units.parseRate(n + "KiB/s").bitsPerSecond()).isEqualTo(n * 8 * 1024);
        assertThat(Units.parseRate(n + "MiB/s").bitsPerSecond()).isEqualTo(n * 8 * 1024 * 1024);
    }

    @Property
    void shouldScaleDurationUnitsWhenSameNumberHasDifferentUnit(@ForAll @LongRange(min = 0, max = 100_000) long n) {
        assertThat(Units.parseDuration(n + "ms")).isEqualTo(Duration.ofMillis(n));
        assertThat(Units.parseDuration(n + "s")).isEqualTo(Duration.ofSeconds(n));
        assertThat(Units.parseDuration(n + "m")).isEqualTo(Duration.ofMinutes(n));
        assertThat(Units.parseDuration(n + "m" + n + "s")).isEqualTo(Duration.ofSeconds(61 * n));
    }

    @Property
    void shouldParseDecimalRatesExactlyWhenWithinThreeDecimals(@ForAll("milli") BigDecimal mbit) {
        long expected = mbit.movePointRight(6).longValueExact();
        assertThat(Units.parseRate(mbit.toPlainString() + "mbit").bitsPerSecond()).isEqualTo(expected);
    }

    @Property
    void shouldRefuseAnyTextWhenUnitIsUnknown(@ForAll @LongRange(min = 0, max = 10_000) long n,
                                              @ForAll("junkUnit") String unit) {
        assertThat(catchMessage(() -> Units.parseDuration(n + unit))).contains("is not a duration");
        assertThat(catchMessage(() -> Units.parseRate(n + unit))).contains("\"" + n + unit + "\"");
    }

    @Provide
    Arbitrary<BigDecimal> milli() {
        return Arbitraries.longs().between(1, 10_000_000).map(v -> BigDecimal.valueOf(v, 3));
    }

    @Provide
    Arbitrary<String> junkUnit() {
        return Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(4)
                .filter(u -> !u.matches("ns|us|ms|s|m|h|bit|kbit|mbit|gbit"));
    }

    private static String catchMessage(Runnable r) {
        try {
            r.run();
            return "(no error)";
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }
}
