package dev.mtcp.harness.report;

import java.util.List;

/** A named line on a chart. */
public record Series(String name, List<Point> points) {
    public Series {
        points = List.copyOf(points);
    }
}
