package dev.mtcp.harness.bench;

import java.util.Locale;

/**
 * The one-line text form of a {@link BenchResult}, e.g.
 * {@code throughput  streams=1     mtcp           throughput   812.3 MiB/s  x0.74 vs socat-chain  target >= 0.9 x socat-chain: MISS}.
 */
public final class ResultLine {
    private ResultLine() {}

    public static String format(BenchResult r) {
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-10s %-16s %-14s %-10s ",
                r.benchmark(), r.row(), r.path(), r.metric()));
        switch (r.status()) {
            case MEASURED -> line.append(String.format(Locale.ROOT, "%12s %-9s", number(r.value()), r.unit()));
            case SKIPPED -> line.append("SKIPPED: ").append(r.note());
            case NOT_MEASURED -> line.append("not measured: ").append(r.note());
            case FAILED -> line.append("FAILED: ").append(r.note());
        }
        if (r.ratio() != null) {
            line.append(String.format(Locale.ROOT, "  x%s vs %s", number(r.ratio()), r.baseline()));
        } else if (r.isMeasured() && r.target() == null) {
            line.append("  (baseline)");
        }
        if (r.target() != null) {
            line.append("  target ").append(r.target());
            if (r.targetMet() != null) {
                line.append(r.targetMet() ? ": met" : ": MISS");
            }
        }
        if (r.isMeasured() && r.note() != null) {
            line.append("  [").append(r.note()).append(']');
        }
        return line.toString();
    }

    /** Three significant digits or so, never scientific notation for the figures we produce. */
    static String number(double v) {
        double a = Math.abs(v);
        if (a >= 1000) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        if (a >= 10) {
            return String.format(Locale.ROOT, "%.1f", v);
        }
        if (a >= 0.1) {
            return String.format(Locale.ROOT, "%.2f", v);
        }
        return String.format(Locale.ROOT, "%.4f", v);
    }
}
