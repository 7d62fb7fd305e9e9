package dev.mtcp.harness.report;

import com.google.common.html.HtmlEscapers;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Renders a {@link Chart} as an inline SVG element. */
final class SvgChart {
    private static final int WIDTH = 960;
    private static final int HEIGHT = 320;
    private static final int LEFT = 64;
    private static final int RIGHT = 24;
    private static final int TOP = 36;
    private static final int BOTTOM = 44;
    private static final String[] LINE_COLORS = {"#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#17becf"};
    private static final String[] BAND_COLORS = {"#cfe3f7", "#fde2c4", "#d3f0d0", "#e6d8f2", "#f9d3d3", "#d7f1f3"};

    private final Chart chart;
    private final double maxSeconds;
    private final double maxValue;

    private SvgChart(Chart chart) {
        this.chart = chart;
        double t = 1e-9;
        double v = 0;
        for (Series s : chart.series()) {
            for (Point p : s.points()) {
                t = Math.max(t, p.seconds());
                v = Math.max(v, p.value());
            }
        }
        for (Band b : chart.bands()) {
            t = Math.max(t, b.toSeconds());
        }
        for (Marker m : chart.markers()) {
            t = Math.max(t, m.seconds());
        }
        this.maxSeconds = niceCeiling(t);
        this.maxValue = v <= 0 ? 1 : niceCeiling(v * 1.1);
    }

    static String render(Chart chart) {
        return new SvgChart(chart).svg();
    }

    private String svg() {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT,
                "<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\">%n",
                WIDTH, HEIGHT, WIDTH, HEIGHT));
        out.append(text(LEFT, 20, chart.title() + " (" + chart.unit() + ")", "title", "start"));
        bands(out);
        axes(out);
        lines(out);
        markers(out);
        out.append("</svg>\n");
        return out.toString();
    }

    private void bands(StringBuilder out) {
        Map<String, String> colorByLabel = new LinkedHashMap<>();
        for (Band b : chart.bands()) {
            String color = colorByLabel.computeIfAbsent(b.label(),
                    l -> BAND_COLORS[colorByLabel.size() % BAND_COLORS.length]);
            double x0 = x(b.fromSeconds());
            double x1 = x(b.toSeconds());
            out.append(String.format(Locale.ROOT,
                    "<rect class=\"band\" x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\"><title>%s</title></rect>%n",
                    x0, TOP, Math.max(0.5, x1 - x0), HEIGHT - TOP - BOTTOM, color, esc(b.label())));
            if (x1 - x0 > 24) {
                out.append(text((x0 + x1) / 2, TOP + 14, b.label(), "band-label", "middle"));
            }
        }
    }

    private void axes(StringBuilder out) {
        int bottom = HEIGHT - BOTTOM;
        out.append(String.format(Locale.ROOT,
                "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#333\"/>%n", LEFT, bottom, WIDTH - RIGHT, bottom));
        out.append(String.format(Locale.ROOT,
                "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#333\"/>%n", LEFT, TOP, LEFT, bottom));
        for (int i = 0; i <= 5; i++) {
            double v = maxValue * i / 5;
            double y = y(v);
            out.append(String.format(Locale.ROOT,
                    "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ddd\"/>%n", LEFT, y, WIDTH - RIGHT, y));
            out.append(text(LEFT - 6, y + 4, format(v), "tick", "end"));
            double t = maxSeconds * i / 5;
            out.append(text(x(t), bottom + 16, format(t) + " s", "tick", "middle"));
        }
        out.append(text((LEFT + WIDTH - RIGHT) / 2.0, HEIGHT - 6, "time since start (s)", "axis", "middle"));
    }

    private void lines(StringBuilder out) {
        int i = 0;
        for (Series s : chart.series()) {
            String color = LINE_COLORS[i % LINE_COLORS.length];
            StringBuilder pts = new StringBuilder();
            for (Point p : s.points()) {
                pts.append(String.format(Locale.ROOT, "%.1f,%.1f ", x(p.seconds()), y(p.value())));
            }
            out.append(String.format(Locale.ROOT,
                    "<polyline class=\"series\" fill=\"none\" stroke=\"%s\" stroke-width=\"1.8\" points=\"%s\"><title>%s</title></polyline>%n",
                    color, pts.toString().trim(), esc(s.name())));
            double legendX = WIDTH - RIGHT - 180;
            double legendY = 20 + 14 * i;
            out.append(String.format(Locale.ROOT,
                    "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" stroke-width=\"3\"/>%n",
                    legendX, legendY - 4, legendX + 16, legendY - 4, color));
            out.append(text(legendX + 20, legendY, s.name(), "legend", "start"));
            i++;
        }
    }

    private void markers(StringBuilder out) {
        for (Marker m : chart.markers()) {
            double xm = x(m.seconds());
            String color = m.kind() == Marker.Kind.MIGRATION ? "#c00" : "#555";
            out.append(String.format(Locale.ROOT,
                    "<line class=\"marker %s\" x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"%s\" stroke-dasharray=\"4 3\"><title>%s</title></line>%n",
                    m.kind().name().toLowerCase(Locale.ROOT), xm, TOP, xm, HEIGHT - BOTTOM, color, esc(m.label())));
            out.append(String.format(Locale.ROOT,
                    "<text class=\"marker-label\" x=\"%.1f\" y=\"%d\" fill=\"%s\" transform=\"rotate(-90 %.1f %d)\" text-anchor=\"end\">%s</text>%n",
                    xm + 4, TOP + 4, color, xm + 4, TOP + 4, esc(m.label())));
        }
    }

    private double x(double seconds) {
        return LEFT + (WIDTH - LEFT - RIGHT) * seconds / maxSeconds;
    }

    private double y(double value) {
        return HEIGHT - BOTTOM - (HEIGHT - TOP - BOTTOM) * value / maxValue;
    }

    private static String text(double x, double y, String s, String cls, String anchor) {
        return String.format(Locale.ROOT, "<text class=\"%s\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\">%s</text>%n",
                cls, x, y, anchor, esc(s));
    }

    private static String format(double v) {
        return v == Math.rint(v) ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.2g", v);
    }

    private static String esc(String s) {
        return HtmlEscapers.htmlEscaper().escape(s);
    }

    /** 1, 2 or 5 times a power of ten, at least {@code v}. */
    static double niceCeiling(double v) {
        double magnitude = Math.pow(10, Math.floor(Math.log10(v)));
        for (double step : new double[] {1, 2, 5, 10}) {
            if (step * magnitude >= v) {
                return step * magnitude;
            }
        }
        return 10 * magnitude;
    }
}
