package dev.mtcp.harness.report;

import com.google.common.html.HtmlEscapers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Writes a {@link Report} as one self-contained HTML file (inline CSS and SVG, no scripts). */
public final class HtmlReportWriter {
    private static final String STYLE = """
            body{font-family:system-ui,sans-serif;margin:24px;color:#222;max-width:1000px}
            h1{font-size:1.4em} .pass{color:#176f2c} .fail{color:#b00020}
            table{border-collapse:collapse;margin:8px 0 24px} td,th{border:1px solid #ccc;padding:4px 10px;text-align:left}
            th{background:#f3f3f3} .chart text{font-size:11px} .chart .title{font-size:14px;font-weight:600}
            """;

    private HtmlReportWriter() {}

    public static String render(Report report) {
        StringBuilder html = new StringBuilder(16 * 1024);
        html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
                .append(esc(report.title())).append("</title><style>").append(STYLE).append("</style></head><body>\n");
        html.append("<h1>").append(esc(report.title())).append("</h1>\n");
        html.append("<p class=\"").append(report.passed() ? "pass" : "fail").append("\"><strong>")
                .append(esc(report.verdict())).append("</strong></p>\n");
        if (!report.summary().isEmpty()) {
            html.append("<table class=\"summary\">\n");
            for (Map.Entry<String, String> e : report.summary().entrySet()) {
                html.append("<tr><th>").append(esc(e.getKey())).append("</th><td>").append(esc(e.getValue()))
                        .append("</td></tr>\n");
            }
            html.append("</table>\n");
        }
        for (Chart chart : report.charts()) {
            html.append(SvgChart.render(chart));
        }
        for (Table table : report.tables()) {
            appendTable(html, table);
        }
        html.append("</body></html>\n");
        return html.toString();
    }

    /** Writes the report to {@code file} (parent folders created) and returns the file. */
    public static Path write(Report report, Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, render(report), StandardCharsets.UTF_8);
        return file;
    }

    private static void appendTable(StringBuilder html, Table table) {
        html.append("<h2>").append(esc(table.title())).append("</h2>\n<table class=\"data\">\n<tr>");
        for (String h : table.headers()) {
            html.append("<th>").append(esc(h)).append("</th>");
        }
        html.append("</tr>\n");
        for (List<String> row : table.rows()) {
            html.append("<tr>");
            for (String cell : row) {
                html.append("<td>").append(esc(cell)).append("</td>");
            }
            html.append("</tr>\n");
        }
        html.append("</table>\n");
    }

    private static String esc(String s) {
        return HtmlEscapers.htmlEscaper().escape(s);
    }
}
