package dev.mtcp.harness.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.mtcp.harness.report.HtmlReportWriter;
import dev.mtcp.harness.scenario.Scenario;
import dev.mtcp.harness.workload.ConnectionOutcome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Writes a run's {@code result.json} (machine-readable verdict) and {@code report.html}. */
public final class ResultFiles {
    public static final String RESULT_JSON = "result.json";
    public static final String REPORT_HTML = "report.html";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ResultFiles() {
    }

    static void write(RunResult result, Scenario scenario, Path dir) throws IOException {
        Files.createDirectories(dir);
        JSON.writeValue(dir.resolve(RESULT_JSON).toFile(), toJson(result));
        HtmlReportWriter.write(RunReport.of(result, scenario), dir.resolve(REPORT_HTML));
    }

    /** The {@code result.json} document. */
    static Map<String, Object> toJson(RunResult r) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("scenario", r.scenario());
        json.put("description", r.description());
        json.put("passed", r.passed());
        json.put("failures", r.failures());
        json.put("emulation", r.emulation());
        json.put("startedAt", r.startedAt().toString());
        json.put("elapsedSeconds", r.elapsedSeconds());
        json.put("expectations", r.expectations().stream().map(e -> ordered("name", e.name(), "expected", e.expected(),
                "actual", e.actual(), "passed", e.passed())).toList());
        json.put("events", r.events().stream().map(e -> ordered("atMillis", e.event().at().toMillis(), "event",
                TimelinePlayer.describe(e.event()), "startedMillis", e.startedAt().toMillis(), "tookMillis",
                e.took().toMillis(), "error", e.error().orElse(null))).toList());
        Map<String, Object> migrations = new LinkedHashMap<>();
        migrations.put("counted", r.migrationsTotal().isPresent() ? r.migrationsTotal().getAsLong() : null);
        migrations.put("byReason", r.migrationReasons());
        migrations.put("seen", r.migrations().stream().map(m -> ordered("seconds", m.seconds(), "connection",
                m.connection(), "from", m.from(), "to", m.to())).toList());
        json.put("migrations", migrations);
        json.put("connections", r.outcomes().stream().map(ResultFiles::outcome).toList());
        json.put("errors", r.errors());
        json.put("samples", r.samples().size());
        return json;
    }

    private static Map<String, Object> outcome(ConnectionOutcome o) {
        return ordered("index", o.index(), "intact", o.intact(), "bytes", o.bytes(), "sha256", o.sha256(),
                "maxPauseMillis", o.maxPauseMillis(), "error", o.error().orElse(null));
    }

    private static Map<String, Object> ordered(Object... keyValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put((String) keyValues[i], keyValues[i + 1]);
        }
        return m;
    }

    /** The run's verdict as lines for a terminal: PASS/FAIL per expectation, then every error. */
    public static List<String> summaryLines(RunResult r) {
        List<String> lines = new java.util.ArrayList<>();
        if (r.expectations().isEmpty()) {
            lines.add("expectations not checked: the clients never finished");
        }
        r.expectations().forEach(e -> lines.add(e.toString()));
        r.errors().forEach(e -> lines.add("ERROR " + e));
        lines.add(r.passed() ? "PASS " + r.scenario() : "FAIL " + r.scenario() + ": " + r.failures().size()
                + " failure(s)");
        return lines;
    }
}
