package dev.mtcp.harness.run;

import dev.mtcp.harness.link.Direction;
import dev.mtcp.harness.report.Band;
import dev.mtcp.harness.report.Chart;
import dev.mtcp.harness.report.GoodputSeries;
import dev.mtcp.harness.report.Marker;
import dev.mtcp.harness.report.Point;
import dev.mtcp.harness.report.Report;
import dev.mtcp.harness.report.Series;
import dev.mtcp.harness.report.Table;
import dev.mtcp.harness.scenario.LinkProfile;
import dev.mtcp.harness.scenario.Scenario;
import dev.mtcp.harness.workload.ConnectionOutcome;
import dev.mtcp.harness.workload.ProgressSample;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The HTML report of a run: verdict and facts, goodput per connection over time (as the client
 * application received it) with the serving server shaded, every carrier's RTT over time, markers
 * for migrations and timeline events, and tables of the expectations, events, migrations and
 * connections.
 */
final class RunReport {
    /** Charts show at most this many connections (and the total), so a 200-connection run stays readable. */
    static final int MAX_SERIES = 6;
    private static final int MAX_ROWS = 60;

    private RunReport() {
    }

    static Report of(RunResult r, Scenario scenario) {
        List<Marker> markers = markers(r);
        List<Chart> charts = List.of(
                new Chart("Goodput per connection (received by the client application)", "Mbit/s", goodput(r),
                        bands(r), markers),
                new Chart("RTT per carrier (kernel smoothed RTT, proxy → server)", "ms", rtt(r), List.of(), markers));
        String verdict = r.passed()
                ? "PASS: all " + r.expectations().size() + " expectations held"
                : "FAIL: " + String.join("; ", r.failures().stream()
                        .map(f -> f.startsWith("FAIL ") ? f.substring("FAIL ".length()) : f).toList());
        return new Report("Scenario " + r.scenario(), verdict, r.passed(), summary(r, scenario), charts, tables(r));
    }

    private static Map<String, String> summary(RunResult r, Scenario s) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("description", r.description());
        m.put("started", r.startedAt().toString());
        m.put("run time", String.format(Locale.ROOT, "%.1f s (scenario duration %d s)", r.elapsedSeconds(),
                s.duration().toSeconds()));
        m.put("link emulation", r.emulation().isEmpty() ? "(testbed not built)" : r.emulation());
        m.put("servers", String.join(", ", s.servers().stream().map(x -> x.id() + " (" + x.app().cliName()
                + (x.backups().isEmpty() ? "" : ", backups " + x.backups()) + ")").toList()));
        for (String host : new TreeMap<>(s.links()).keySet()) {
            var profile = s.link(host);
            m.put("link " + host, profile.equals(LinkProfile.NONE) ? "unimpaired"
                    : "to: " + profile.direction(Direction.TO_HOST) + "; from: " + profile.direction(Direction.FROM_HOST));
        }
        m.put("workload", s.workload().connections() + " × " + s.workload().app().cliName() + ", "
                + s.workload().bytes() + " bytes each, " + s.workload().client().name().toLowerCase(Locale.ROOT)
                + " client, starting on " + s.workload().server());
        long intact = r.outcomes().stream().filter(ConnectionOutcome::intact).count();
        m.put("connections intact", intact + " of " + s.workload().connections());
        m.put("migrations", r.migrations().size() + " seen in samples"
                + r.migrationsTotal().stream().mapToObj(t -> ", " + t + " counted by the proxy").findFirst().orElse("")
                + (r.migrationReasons().isEmpty() ? "" : " " + r.migrationReasons().toString().replace('=', ' ')
                        .replace('{', '(').replace('}', ')')));
        return m;
    }

    private static List<Series> goodput(RunResult r) {
        List<Series> series = new ArrayList<>();
        List<ProgressSample> progress = r.progress();
        if (progress.isEmpty()) {
            return series;
        }
        int connections = progress.getLast().bytes().size();
        if (connections > 1) {
            series.add(GoodputSeries.megabitsPerSecond("all connections", progress.stream().map(p ->
                    new GoodputSeries.Sample(p.elapsedMillis() / 1000.0, p.bytes().stream().mapToLong(Long::longValue)
                            .sum(), "")).toList()));
        }
        for (int i = 0; i < Math.min(connections, MAX_SERIES); i++) {
            int index = i;
            series.add(GoodputSeries.megabitsPerSecond("conn " + i, progress.stream().map(p ->
                    new GoodputSeries.Sample(p.elapsedMillis() / 1000.0, p.bytes().get(index), "")).toList()));
        }
        return series;
    }

    /** Which server served the first connection the proxy listed, over time. */
    private static List<Band> bands(RunResult r) {
        String first = r.samples().stream().flatMap(s -> s.connections().stream()).map(ProxyConnection::id)
                .findFirst().orElse(null);
        if (first == null) {
            return List.of();
        }
        List<GoodputSeries.Sample> served = new ArrayList<>();
        for (RunSample s : r.samples()) {
            s.connections().stream().filter(c -> c.id().equals(first)).findFirst().ifPresent(c ->
                    served.add(new GoodputSeries.Sample(s.seconds(), c.bytesDown(),
                            c.server().isBlank() ? "between servers" : "served by " + c.server())));
        }
        return GoodputSeries.servingBands(served);
    }

    /** One line per carrier; with more carriers than {@link #MAX_SERIES}, the median RTT per server instead. */
    private static List<Series> rtt(RunResult r) {
        long carriers = r.samples().stream().flatMap(s -> s.carriers().stream())
                .map(c -> c.server() + ":" + c.localPort()).distinct().count();
        Map<String, List<Point>> lines = new TreeMap<>();
        for (RunSample s : r.samples()) {
            if (carriers <= MAX_SERIES) {
                for (CarrierRtt c : s.carriers()) {
                    lines.computeIfAbsent("→ " + c.server() + " :" + c.localPort(), k -> new ArrayList<>())
                            .add(new Point(s.seconds(), c.rttMillis()));
                }
            } else {
                Map<String, List<Double>> byServer = new TreeMap<>();
                s.carriers().forEach(c -> byServer.computeIfAbsent(c.server(), k -> new ArrayList<>()).add(c.rttMillis()));
                byServer.forEach((server, rtts) -> lines.computeIfAbsent("→ " + server + " (median of its carriers)",
                        k -> new ArrayList<>()).add(new Point(s.seconds(), median(rtts))));
            }
        }
        return lines.entrySet().stream().map(e -> new Series(e.getKey(), e.getValue())).toList();
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static List<Marker> markers(RunResult r) {
        List<Marker> markers = new ArrayList<>();
        for (PlayedEvent e : r.events()) {
            markers.add(new Marker(e.startedAt().toMillis() / 1000.0, TimelinePlayer.describe(e.event()),
                    Marker.Kind.EVENT));
        }
        Map<String, Integer> perInstant = new TreeMap<>();
        for (Migration m : r.migrations()) {
            String label = m.from() + " → " + m.to();
            String key = m.seconds() + label;
            int n = perInstant.merge(key, 1, Integer::sum);
            if (n == 1) {
                markers.add(new Marker(m.seconds(), label, Marker.Kind.MIGRATION));
            }
        }
        return markers.size() > 40 ? markers.subList(0, 40) : markers;
    }

    private static List<Table> tables(RunResult r) {
        List<Table> tables = new ArrayList<>();
        tables.add(new Table(r.expectations().isEmpty() ? "Expectations (not checked: the clients never finished)"
                : "Expectations", List.of("expectation", "expected", "observed", "result"),
                r.expectations().stream().map(e -> List.of(e.name(), e.expected(), e.actual(),
                        e.passed() ? "PASS" : "FAIL")).toList()));
        if (!r.errors().isEmpty()) {
            tables.add(new Table("Errors", List.of("error"), r.errors().stream().map(List::of).toList()));
        }
        tables.add(new Table("Timeline", List.of("at", "event", "took", "result"), r.events().stream().map(e ->
                List.of(String.format(Locale.ROOT, "%.2f s", e.startedAt().toMillis() / 1000.0),
                        TimelinePlayer.describe(e.event()), e.took().toMillis() + " ms",
                        e.error().map(x -> "FAILED: " + x).orElse("ok"))).toList()));
        tables.add(new Table("Migrations (seen in the proxy's samples every 250 ms)",
                List.of("seen at", "connection", "from", "to"), r.migrations().stream().limit(MAX_ROWS).map(m ->
                        List.of(String.format(Locale.ROOT, "%.2f s", m.seconds()), m.connection(), m.from(), m.to()))
                        .toList()));
        tables.add(new Table("Connections (verified by the client)", List.of("#", "intact", "bytes", "SHA-256",
                "longest pause", "error"), r.outcomes().stream().limit(MAX_ROWS).map(o -> List.of(
                        Integer.toString(o.index()), o.intact() ? "yes" : "NO", Long.toString(o.bytes()),
                        o.sha256().length() > 16 ? o.sha256().substring(0, 16) + "…" : o.sha256(),
                        o.maxPauseMillis() + " ms", o.error().orElse(""))).toList()));
        return tables;
    }
}
