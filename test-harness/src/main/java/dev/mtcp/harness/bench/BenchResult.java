package dev.mtcp.harness.bench;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One measurement of one benchmark, as printed on one line and written to the JSON report.
 *
 * @param benchmark the benchmark's {@link BenchKind#cliName()}
 * @param row what was measured, e.g. {@code streams=8} or {@code state=64KiB}
 * @param path the path or system measured, e.g. {@code direct}, {@code socat-chain}, {@code mtcp}
 * @param metric the quantity, e.g. {@code throughput}, {@code p99}
 * @param value the figure, in {@code unit}; NaN unless {@code status} is MEASURED
 * @param unit e.g. {@code MiB/s}, {@code us}, {@code ms}, {@code KiB/conn}
 * @param status measured, skipped (a tool is missing) or not measured (the feature does not exist)
 * @param baseline the path this one is compared with (measured in the same run), or null
 * @param baselineValue the baseline's figure for the same metric, or null
 * @param ratio {@code value / baselineValue}, or null without a baseline
 * @param target the target from the issue, e.g. {@code >= 0.9 x socat-chain}, or null
 * @param targetMet whether the target is met, or null without a target
 * @param note anything a reader needs to interpret the row (why skipped, sample count, ...)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BenchResult(String benchmark, String row, String path, String metric, double value, String unit,
                          Status status, String baseline, Double baselineValue, Double ratio, String target,
                          Boolean targetMet, String note) {

    /** Whether a row holds a figure. */
    public enum Status { MEASURED, SKIPPED, NOT_MEASURED, FAILED }

    public BenchResult {
        if (benchmark == null || row == null || path == null || metric == null || unit == null || status == null) {
            throw new IllegalArgumentException("benchmark, row, path, metric, unit and status are required");
        }
        if (status == Status.MEASURED && !Double.isFinite(value)) {
            throw new IllegalArgumentException("a measured row needs a finite value: " + benchmark + " " + row + " " + path);
        }
    }

    /** A measured figure without baseline or target yet. */
    public static BenchResult measured(BenchKind kind, String row, String path, String metric, double value, String unit) {
        return new BenchResult(kind.cliName(), row, path, metric, value, unit, Status.MEASURED,
                null, null, null, null, null, null);
    }

    /** A row that could not be measured because something it needs is missing; {@code why} says what. */
    public static BenchResult skipped(BenchKind kind, String row, String path, String metric, String unit, String why) {
        return new BenchResult(kind.cliName(), row, path, metric, Double.NaN, unit, Status.SKIPPED,
                null, null, null, null, null, why);
    }

    /** A row that is not measured because the feature it measures does not exist yet. */
    public static BenchResult notMeasured(BenchKind kind, String row, String path, String metric, String unit,
                                          String why) {
        return new BenchResult(kind.cliName(), row, path, metric, Double.NaN, unit, Status.NOT_MEASURED,
                null, null, null, null, null, why);
    }

    /** A benchmark that threw: its error, so the other benchmarks' results are still reported. */
    public static BenchResult failed(BenchKind kind, String error) {
        return new BenchResult(kind.cliName(), "-", "-", "-", Double.NaN, "-", Status.FAILED,
                null, null, null, null, null, error);
    }

    @JsonIgnore
    public boolean isMeasured() {
        return status == Status.MEASURED;
    }

    /** This row compared with {@code base} (same metric, measured in the same run); no-op unless both are measured. */
    public BenchResult comparedWith(BenchResult base) {
        if (!isMeasured() || base == null || !base.isMeasured() || base.value() == 0) {
            return this;
        }
        return new BenchResult(benchmark, row, path, metric, value, unit, status, base.path(), base.value(),
                value / base.value(), target, targetMet, note);
    }

    public BenchResult withTarget(String targetText, boolean met) {
        return new BenchResult(benchmark, row, path, metric, value, unit, status, baseline, baselineValue, ratio,
                targetText, isMeasured() ? met : null, note);
    }

    public BenchResult withNote(String text) {
        return new BenchResult(benchmark, row, path, metric, value, unit, status, baseline, baselineValue, ratio,
                target, targetMet, text);
    }
}
