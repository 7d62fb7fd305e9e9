package dev.mtcp.harness.report;

/** One value of a series at {@code seconds} after the start of the run. */
public record Point(double seconds, double value) {
    public Point {
        if (!Double.isFinite(seconds) || !Double.isFinite(value)) {
            throw new IllegalArgumentException("point must be finite, got (" + seconds + ", " + value + ")");
        }
    }
}
