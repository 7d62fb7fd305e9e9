package dev.mtcp.tools.demo;

import dev.mtcp.harness.report.Chart;
import dev.mtcp.harness.report.GoodputSeries;
import dev.mtcp.harness.report.HtmlReportWriter;
import dev.mtcp.harness.report.Marker;
import dev.mtcp.harness.report.Report;
import dev.mtcp.harness.report.Table;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The demo's summary table on the terminal and its HTML report. */
final class DemoReport {
    /** Goodput is averaged over this window: curl writes its file in bursts. */
    private static final double SMOOTHING_SECONDS = 1.0;
    private DemoReport() {}

    static void printSummary(DemoResult r, Path html, PrintWriter out) {
        out.println();
        out.println("Migrations:");
        out.printf(Locale.ROOT, "  %-8s %-10s %-12s %s%n", "time", "from → to", "pause", "reason");
        for (DemoTimeline.Migration m : r.timeline().migrations()) {
            out.printf(Locale.ROOT, "  %-8s %-10s %-12s %s%n", seconds(m.atSeconds()), m.from() + " → " + m.to(),
                    pause(m), m.reason());
        }
        if (r.timeline().migrations().isEmpty()) {
            out.println("  (none)");
        }
        for (String f : r.timeline().failures()) {
            out.println("  note: " + f);
        }
        out.println();
        out.println("Served   SHA-256 " + r.served().sha256());
        out.println("Received SHA-256 " + (r.receivedSha256().isEmpty() ? "(nothing received)" : r.receivedSha256()));
        out.println(verdict(r));
        out.println("Report: " + html.toAbsolutePath());
        out.flush();
    }

    static Path writeHtml(DemoResult r, Path file) throws IOException {
        DemoTimeline t = r.timeline();
        List<Marker> markers = new ArrayList<>();
        for (DemoTimeline.Migration m : t.migrations()) {
            markers.add(new Marker(m.atSeconds(), m.from() + " → " + m.to(), Marker.Kind.MIGRATION));
        }
        for (DemoTimeline.Event e : t.events()) {
            markers.add(new Marker(e.atSeconds(), e.what(), Marker.Kind.EVENT));
        }
        Chart goodput = new Chart("Client goodput (1 s average), and the server serving each interval", "Mbit/s",
                List.of(GoodputSeries.megabitsPerSecond("delivered by the proxy", t.proxySamples(), SMOOTHING_SECONDS),
                        GoodputSeries.megabitsPerSecond("written by " + r.clientName(), t.samples(),
                                SMOOTHING_SECONDS)),
                servingBands(t), markers);
        List<List<String>> rows = new ArrayList<>();
        for (DemoTimeline.Migration m : t.migrations()) {
            rows.add(List.of(seconds(m.atSeconds()), m.from(), m.to(), m.reason(), pause(m)));
        }
        Table migrations = new Table("Migrations", List.of("time", "from", "to", "reason", "pause"), rows);
        List<List<String>> eventRows = t.events().stream()
                .map(e -> List.of(seconds(e.atSeconds()), e.what())).toList();
        Table events = new Table("What the demo did", List.of("time", "event"), eventRows);
        Map<String, String> summary = new LinkedHashMap<>();
        summary.put("client", r.clientName());
        summary.put("file", DemoRun.mib(r.served().bytes()));
        summary.put("served SHA-256", r.served().sha256());
        summary.put("received SHA-256", r.receivedSha256());
        summary.put("migrations", String.valueOf(t.migrations().size()));
        r.failure().ifPresent(f -> summary.put("failure", f));
        Report report = new Report("mtcp demo", verdict(r), r.passed(), summary, List.of(goodput),
                List.of(migrations, events));
        return HtmlReportWriter.write(report, file);
    }

    /** Who served each interval; intervals with no server are labelled as such. */
    private static List<dev.mtcp.harness.report.Band> servingBands(DemoTimeline t) {
        return GoodputSeries.servingBands(t.proxySamples()).stream()
                .map(b -> b.label().isEmpty() ? new dev.mtcp.harness.report.Band(b.fromSeconds(), b.toSeconds(),
                        "no server") : b)
                .toList();
    }

    static String verdict(DemoResult r) {
        if (r.passed()) {
            return "PASS: every byte verified (SHA-256) across " + r.timeline().migrations().size()
                    + " migrations, including a QoS migration and a crash failover";
        }
        List<String> why = new ArrayList<>();
        r.failure().ifPresent(why::add);
        if (!r.bytesVerified()) {
            why.add("the received bytes do not match the served file");
        }
        if (r.qosMigrations() == 0) {
            why.add("no QoS migration off the slowed server");
        }
        if (!r.failedOver()) {
            why.add("no failover after the kill");
        }
        return "FAIL: " + String.join("; ", why);
    }

    private static String seconds(double s) {
        return String.format(Locale.ROOT, "%.2f s", s);
    }

    private static String pause(DemoTimeline.Migration m) {
        return m.pause().map(p -> String.format(Locale.ROOT, "%.1f ms", p.toNanos() / 1e6)).orElse("-");
    }
}
