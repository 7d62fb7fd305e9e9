package dev.mtcp.harness.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ResultLineTest {

    @Test
    void shouldShowRatioBaselineAndTargetWhenCompared() {
        BenchResult socat = BenchResult.measured(BenchKind.THROUGHPUT, "streams=1", "socat-chain", "throughput", 1000, "MiB/s");
        BenchResult mtcp = BenchResult.measured(BenchKind.THROUGHPUT, "streams=1", "mtcp", "throughput", 800, "MiB/s")
                .comparedWith(socat).withTarget(">= 0.9 x socat-chain", false);

        String line = ResultLine.format(mtcp);

        assertThat(mtcp.ratio()).isEqualTo(0.8);
        assertThat(line).contains("throughput", "streams=1", "mtcp", "800", "MiB/s", "x0.80 vs socat-chain",
                "target >= 0.9 x socat-chain: MISS");
        assertThat(ResultLine.format(socat)).contains("(baseline)");
    }

    @Test
    void shouldSayWhyWhenSkippedOrNotMeasured() {
        BenchResult skipped = BenchResult.skipped(BenchKind.LATENCY, "echo=1KiB", "haproxy-chain", "p50", "us",
                "haproxy is not installed: install the Debian package 'haproxy'");
        BenchResult notBuilt = BenchResult.notMeasured(BenchKind.FAILOVER, "kill", "mtcp", "gap-p50", "ms",
                "crash failover not built yet").withTarget("<= deadAfter + 10 ms", false);

        assertThat(ResultLine.format(skipped)).contains("SKIPPED: haproxy is not installed");
        assertThat(ResultLine.format(notBuilt)).contains("not measured: crash failover not built yet");
        assertThat(notBuilt.targetMet()).isNull();
    }

    @Test
    void shouldNotCompareWhenTheBaselineWasSkipped() {
        BenchResult skipped = BenchResult.skipped(BenchKind.LATENCY, "echo=1KiB", "socat-chain", "p50", "us", "missing");
        BenchResult mtcp = BenchResult.measured(BenchKind.LATENCY, "echo=1KiB", "mtcp", "p50", 50, "us");
        assertThat(mtcp.comparedWith(skipped).ratio()).isNull();
    }

    @Test
    void shouldParseModeKindsAndJsonWhenGivenOnTheCommandLine() {
        BenchOptions o = BenchMain.parse(new String[] {"full", "latency", "scale", "--json", "out.json"});
        assertThat(o.mode()).isEqualTo(BenchMode.FULL);
        assertThat(o.kinds()).containsExactlyInAnyOrder(BenchKind.LATENCY, BenchKind.SCALE);
        assertThat(o.jsonOut()).contains(Path.of("out.json"));
        assertThat(BenchMain.parse(new String[0]).kinds()).hasSize(BenchKind.values().length);
        assertThat(BenchOptions.all(BenchMode.QUICK, Optional.empty()).runs(BenchKind.CODEC)).isTrue();
    }

    @Test
    void shouldRenderOneMarkdownRowPerResultWhenReportIsWritten() {
        BenchResult socat = BenchResult.measured(BenchKind.LATENCY, "echo=1KiB", "socat-chain", "p50", 90, "us");
        BenchResult mtcp = BenchResult.measured(BenchKind.LATENCY, "echo=1KiB", "mtcp", "p50", 130, "us")
                .comparedWith(socat).withTarget("<= socat-chain p50 + 30 us", false);
        BenchReport report = new BenchReport("quick", "t0", "t1", 1, MachineInfo.probe(), java.util.List.of(socat, mtcp));

        String md = MarkdownTable.render(report);

        assertThat(md.lines()).hasSize(4);
        assertThat(md).contains("| latency | echo=1KiB | mtcp | p50 | 130.0 us | x1.44 socat-chain | <= socat-chain p50 + 30 us | **MISS** |");
    }

    @Test
    void shouldListValidNamesWhenABenchmarkIsUnknown() {
        assertThatThrownBy(() -> BenchMain.parse(new String[] {"speed"}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown benchmark 'speed'").hasMessageContaining("throughput");
    }
}
