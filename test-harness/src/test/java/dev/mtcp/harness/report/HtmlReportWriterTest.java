package dev.mtcp.harness.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HtmlReportWriterTest {
    private static final List<GoodputSeries.Sample> SAMPLES = List.of(
            new GoodputSeries.Sample(0.0, 0, "s1"),
            new GoodputSeries.Sample(1.0, 1_250_000, "s1"),
            new GoodputSeries.Sample(2.0, 1_375_000, "s1"),
            new GoodputSeries.Sample(3.0, 2_625_000, "s2"),
            new GoodputSeries.Sample(4.0, 3_875_000, "s3"));

    @Test
    void shouldComputeGoodputInMegabitsPerSecondBetweenSamples() {
        Series s = GoodputSeries.megabitsPerSecond("goodput", SAMPLES);
        assertThat(s.points()).extracting(Point::value).containsExactly(10.0, 1.0, 10.0, 10.0);
        assertThat(s.points()).extracting(Point::seconds).containsExactly(1.0, 2.0, 3.0, 4.0);
    }

    @Test
    void shouldAverageGoodputOverTheWindowBeforeEachSample() {
        Series s = GoodputSeries.megabitsPerSecond("goodput", SAMPLES, 2.0);
        // At 1 s only one second is known; from 2 s on each point averages the two seconds before it.
        assertThat(s.points()).extracting(Point::value).containsExactly(10.0, 5.5, 5.5, 10.0);
    }

    @Test
    void shouldMakeOneBandPerRunOfTheSameServer() {
        assertThat(GoodputSeries.servingBands(SAMPLES)).containsExactly(
                new Band(0.0, 3.0, "s1"), new Band(3.0, 4.0, "s2"), new Band(4.0, 4.0, "s3"));
    }

    @Test
    void shouldWriteChartMarkersAndTableRowsEscaped(@TempDir Path dir) throws Exception {
        Chart chart = new Chart("Goodput", "Mbit/s", List.of(GoodputSeries.megabitsPerSecond("curl", SAMPLES)),
                GoodputSeries.servingBands(SAMPLES),
                List.of(new Marker(2.5, "s1 → s2: goodput < 1mbit", Marker.Kind.MIGRATION),
                        new Marker(3.5, "kill s2", Marker.Kind.EVENT)));
        Table migrations = new Table("Migrations", List.of("time", "from", "to", "reason", "pause"),
                List.of(List.of("2.5 s", "s1", "s2", "<goodput>", "1.2 ms")));
        Report report = new Report("mtcp demo", "PASS: SHA-256 verified", true, Map.of("bytes", "3875000"),
                List.of(chart), List.of(migrations));

        Path file = HtmlReportWriter.write(report, dir.resolve("sub/report.html"));
        String html = Files.readString(file);

        assertThat(html).startsWith("<!DOCTYPE html>").contains("<svg class=\"chart\"")
                .contains("<polyline class=\"series\"").contains("class=\"marker migration\"")
                .contains("s1 → s2: goodput &lt; 1mbit").contains("<td>&lt;goodput&gt;</td>")
                .contains("class=\"pass\"").doesNotContain("<script");
        assertThat(html.split("<rect class=\"band\"", -1)).hasSize(4);
    }

    @Test
    void shouldRejectRowsThatDoNotMatchTheHeaders() {
        assertThatThrownBy(() -> new Table("t", List.of("a", "b"), List.of(List.of("1"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("has 1 cells, expected 2");
    }

    @Test
    void shouldPickNiceAxisMaxima() {
        assertThat(SvgChart.niceCeiling(7.3)).isEqualTo(10.0);
        assertThat(SvgChart.niceCeiling(0.13)).isEqualTo(0.2);
        assertThat(SvgChart.niceCeiling(42)).isEqualTo(50.0);
    }
}
