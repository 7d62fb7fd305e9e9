package dev.mtcp.harness.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the quick version of every benchmark of the suite and checks the results are well formed:
 * positive figures, ordered percentiles, ratios computed against a baseline of the same run, one line
 * per result, and a JSON report that reads back. It does not check that targets are met.
 */
@Timeout(240)
class BenchSuiteTest {

    @Test
    void shouldProduceWellFormedResultsWhenTheQuickSuiteRuns(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("bench.json");
        StringWriter text = new StringWriter();

        BenchReport report = BenchRunner.run(BenchOptions.all(BenchMode.QUICK, Optional.of(json)), new PrintWriter(text));

        String output = text.toString();
        System.out.print(output);   // the smoke figures, visible in the CI log
        assertThat(report.results()).isNotEmpty();
        assertThat(report.results()).as(output).noneMatch(r -> r.status() == BenchResult.Status.FAILED);
        for (BenchResult r : report.results()) {
            assertThat(output).contains(ResultLine.format(r));
            switch (r.status()) {
                case MEASURED -> {
                    assertThat(r.value()).as(ResultLine.format(r)).isPositive();
                    if (r.ratio() != null) {
                        assertThat(r.baseline()).isNotBlank();
                        assertThat(r.ratio()).isCloseTo(r.value() / r.baselineValue(), within(1e-9));
                    }
                }
                case SKIPPED -> assertThat(r.note()).as("a skipped row says what to install").contains("install");
                case NOT_MEASURED -> assertThat(r.note()).isNotBlank();
                case FAILED -> throw new AssertionError(r.note());
            }
        }
        assertThat(report.machine().cores()).isPositive();
        assertThat(new JsonReportWriter().read(json).results()).hasSameSizeAs(report.results());
        assertEveryBenchmarkReported(report);
        assertThroughputWellFormed(report);
        assertLatencyPercentilesOrdered(report);
        assertScaleWellFormed(report);
        assertPausesWellFormed(report);
        assertDrainWellFormed(report);
        assertFailoverWellFormed(report);
    }

    private static void assertPausesWellFormed(BenchReport report) {
        List<BenchResult> rows = report.results(BenchKind.PAUSE);
        assertThat(rows).extracting(BenchResult::row)
                .contains("state=1KiB", "state=64KiB", "state=1MiB", "state=16MiB", "live-20x64KiB");
        Map<String, Map<String, Double>> byRowAndPath = rows.stream().collect(Collectors.groupingBy(
                r -> r.row() + " " + r.path(), Collectors.toMap(BenchResult::metric, BenchResult::value)));
        byRowAndPath.forEach((key, m) -> assertThat(m.get("p50")).as(key).isLessThanOrEqualTo(m.get("p99")));
        assertThat(rows).filteredOn(r -> r.path().equals(Comparisons.MTCP))
                .allSatisfy(r -> assertThat(r.ratio()).as(r.row()).isNotNull());
        assertThat(rows).filteredOn(r -> r.row().startsWith("live-"))
                .filteredOn(r -> r.path().equals(Comparisons.MTCP))
                .allSatisfy(r -> assertThat(r.targetMet()).isNotNull());
    }

    private static void assertFailoverWellFormed(BenchReport report) {
        Map<String, Double> gap = report.results(BenchKind.FAILOVER).stream().filter(r -> r.row().equals("kill"))
                .collect(Collectors.toMap(BenchResult::metric, BenchResult::value));
        assertThat(gap.get("gap-p50")).isPositive().isLessThanOrEqualTo(gap.get("gap-p99"));
        BenchResult replicate = report.results(BenchKind.FAILOVER).stream()
                .filter(r -> r.path().equals("ack-on-replicate")).findFirst().orElseThrow();
        assertThat(replicate.baseline()).isEqualTo("ack-on-receive");
        assertThat(replicate.ratio()).isPositive();
        assertThat(replicate.targetMet()).isNotNull();
    }

    private static void assertDrainWellFormed(BenchReport report) {
        BenchResult mtcp = report.results(BenchKind.DRAIN).stream()
                .filter(r -> r.path().equals(Comparisons.MTCP)).findFirst().orElseThrow();
        assertThat(mtcp.isMeasured()).isTrue();
        assertThat(mtcp.ratio()).isNotNull();
        assertThat(mtcp.note()).contains("moved 50/50", "echo after move ok 50/50");
    }

    private static void assertEveryBenchmarkReported(BenchReport report) {
        for (Benchmark b : BenchSuite.benchmarks()) {
            assertThat(report.results(b.kind())).as(b.kind().cliName()).isNotEmpty();
        }
    }

    private static void assertThroughputWellFormed(BenchReport report) {
        List<BenchResult> rows = report.results(BenchKind.THROUGHPUT);
        assertThat(rows).extracting(BenchResult::row).contains("streams=1", "streams=2");
        assertThat(rows).filteredOn(r -> r.path().equals(DirectPath.NAME))
                .allSatisfy(r -> assertThat(r.isMeasured()).isTrue());
        assertThat(rows).filteredOn(r -> r.isMeasured() && !r.path().equals(DirectPath.NAME))
                .allSatisfy(r -> assertThat(r.ratio()).isNotNull());
    }

    private static void assertLatencyPercentilesOrdered(BenchReport report) {
        Map<String, Map<String, Double>> byPath = report.results(BenchKind.LATENCY).stream()
                .filter(BenchResult::isMeasured)
                .collect(Collectors.groupingBy(BenchResult::path,
                        Collectors.toMap(BenchResult::metric, BenchResult::value)));
        assertThat(byPath).containsKey(DirectPath.NAME);
        byPath.forEach((path, m) -> {
            assertThat(m.get("p50")).as(path).isLessThanOrEqualTo(m.get("p99"));
            assertThat(m.get("p99")).as(path).isLessThanOrEqualTo(m.get("p999"));
        });
    }

    private static void assertScaleWellFormed(BenchReport report) {
        List<BenchResult> rows = report.results(BenchKind.SCALE);
        assertThat(rows).filteredOn(BenchResult::isMeasured).extracting(BenchResult::metric).contains("heap", "rss");
        assertThat(rows).filteredOn(r -> r.path().equals(Comparisons.MTCP))
                .hasSize(2).allSatisfy(r -> assertThat(r.ratio()).isNotNull());
    }
}
