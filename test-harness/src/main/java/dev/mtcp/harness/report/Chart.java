package dev.mtcp.harness.report;

import java.util.List;

/** One chart: lines over time, with optional server bands and markers. */
public record Chart(String title, String unit, List<Series> series, List<Band> bands, List<Marker> markers) {
    public Chart {
        series = List.copyOf(series);
        bands = List.copyOf(bands);
        markers = List.copyOf(markers);
    }
}
