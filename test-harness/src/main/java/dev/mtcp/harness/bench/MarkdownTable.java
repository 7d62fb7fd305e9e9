package dev.mtcp.harness.bench;

import java.util.Locale;

/** Renders a {@link BenchReport} as the Markdown table of {@code docs/benchmarks.md}: one row per result. */
public final class MarkdownTable {
    private MarkdownTable() {}

    /** The whole section docs/benchmarks.md takes from a run: machine, time, targets, every result. */
    public static String document(BenchReport report) {
        return "Measured on " + machine(report) + ", " + report.startedAt() + ", mode " + report.mode() + ", "
                + report.elapsedMillis() / 1000 + " s.\n\n" + targets(report) + "\n" + render(report);
    }

    public static String render(BenchReport report) {
        StringBuilder md = new StringBuilder();
        md.append("| benchmark | row | path | metric | value | vs baseline | target | met |\n");
        md.append("|---|---|---|---|---:|---|---|---|\n");
        for (BenchResult r : report.results()) {
            md.append("| ").append(r.benchmark())
                    .append(" | ").append(r.row())
                    .append(" | ").append(r.path())
                    .append(" | ").append(r.metric())
                    .append(" | ").append(value(r))
                    .append(" | ").append(r.ratio() == null ? "" : "x" + ResultLine.number(r.ratio()) + " " + r.baseline())
                    .append(" | ").append(r.target() == null ? "" : r.target())
                    .append(" | ").append(r.targetMet() == null ? "" : r.targetMet() ? "met" : "**MISS**")
                    .append(" |\n");
        }
        return md.toString();
    }

    /** Only the rows that carry a target from the issues: the claim, today's figure, met or MISS. */
    public static String targets(BenchReport report) {
        StringBuilder md = new StringBuilder();
        md.append("| benchmark | row | metric | target | measured | met |\n");
        md.append("|---|---|---|---|---|---|\n");
        for (BenchResult r : report.results()) {
            if (r.target() == null) {
                continue;
            }
            String measured = value(r) + (r.ratio() == null ? "" : " (x" + ResultLine.number(r.ratio()) + " " + r.baseline()
                    + (r.baselineValue() == null ? "" : " = " + ResultLine.number(r.baselineValue()) + " " + r.unit()) + ")");
            md.append("| ").append(r.benchmark())
                    .append(" | ").append(r.row())
                    .append(" | ").append(r.metric())
                    .append(" | ").append(r.target())
                    .append(" | ").append(measured)
                    .append(" | ").append(r.targetMet() == null ? "not measured" : r.targetMet() ? "met" : "**MISS**")
                    .append(" |\n");
        }
        return md.toString();
    }

    private static String value(BenchResult r) {
        return switch (r.status()) {
            case MEASURED -> ResultLine.number(r.value()) + " " + r.unit();
            case SKIPPED -> "skipped: " + r.note();
            case NOT_MEASURED -> "not measured: " + r.note();
            case FAILED -> "FAILED: " + r.note();
        };
    }

    /** The machine line of the report, e.g. {@code 2 x AMD EPYC, 23 GiB, Linux 6.18, Java 25.0.3}. */
    public static String machine(BenchReport report) {
        MachineInfo m = report.machine();
        return String.format(Locale.ROOT, "%d cores (%s), %d MiB RAM, %s, Java %s (%s)", m.cores(), m.cpuModel(),
                m.memoryMiB(), m.kernel(), m.javaVersion(), m.javaVm());
    }
}
