package dev.mtcp.harness.report;

import java.util.List;
import java.util.Map;

/**
 * Everything an HTML report shows.
 *
 * @param verdict one line at the top, e.g. "PASS: SHA-256 verified"
 * @param summary key/value facts, shown in order
 */
public record Report(String title, String verdict, boolean passed, Map<String, String> summary,
        List<Chart> charts, List<Table> tables) {
    public Report {
        summary = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(summary));
        charts = List.copyOf(charts);
        tables = List.copyOf(tables);
    }
}
