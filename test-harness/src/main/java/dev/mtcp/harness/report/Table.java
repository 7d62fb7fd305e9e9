package dev.mtcp.harness.report;

import java.util.List;

/** A titled table; every row has as many cells as there are headers. */
public record Table(String title, List<String> headers, List<List<String>> rows) {
    public Table {
        headers = List.copyOf(headers);
        rows = rows.stream().map(List::copyOf).toList();
        for (List<String> row : rows) {
            if (row.size() != headers.size()) {
                throw new IllegalArgumentException("table '" + title + "': row " + row + " has " + row.size()
                        + " cells, expected " + headers.size());
            }
        }
    }
}
