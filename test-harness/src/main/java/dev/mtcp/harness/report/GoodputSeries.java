package dev.mtcp.harness.report;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns cumulative byte counts sampled over time into a goodput series in Mbit/s, and the
 * (time, serving server) samples into bands.
 */
public final class GoodputSeries {
    /** A cumulative byte count and the server serving at that instant. */
    public record Sample(double seconds, long totalBytes, String server) {}

    private GoodputSeries() {}

    /** Goodput between consecutive samples, plotted at the later sample's time. */
    public static Series megabitsPerSecond(String name, List<Sample> samples) {
        List<Point> points = new ArrayList<>();
        for (int i = 1; i < samples.size(); i++) {
            Sample a = samples.get(i - 1);
            Sample b = samples.get(i);
            double dt = b.seconds() - a.seconds();
            if (dt <= 0) {
                continue;
            }
            points.add(new Point(b.seconds(), (b.totalBytes() - a.totalBytes()) * 8 / dt / 1e6));
        }
        return new Series(name, points);
    }

    /**
     * Goodput averaged over the last {@code windowSeconds} before each sample (or since the first
     * sample, early on): smooths clients that write in bursts.
     */
    public static Series megabitsPerSecond(String name, List<Sample> samples, double windowSeconds) {
        List<Point> points = new ArrayList<>();
        int from = 0;
        for (int i = 1; i < samples.size(); i++) {
            Sample b = samples.get(i);
            while (from < i - 1 && b.seconds() - samples.get(from + 1).seconds() >= windowSeconds) {
                from++;
            }
            Sample a = samples.get(from);
            double dt = b.seconds() - a.seconds();
            if (dt > 0) {
                points.add(new Point(b.seconds(), (b.totalBytes() - a.totalBytes()) * 8 / dt / 1e6));
            }
        }
        return new Series(name, points);
    }

    /** One band per maximal run of samples served by the same server. */
    public static List<Band> servingBands(List<Sample> samples) {
        List<Band> bands = new ArrayList<>();
        int start = 0;
        for (int i = 1; i <= samples.size(); i++) {
            boolean runEnds = i == samples.size() || !samples.get(i).server().equals(samples.get(start).server());
            if (runEnds && !samples.isEmpty()) {
                double to = i == samples.size() ? samples.get(i - 1).seconds() : samples.get(i).seconds();
                bands.add(new Band(samples.get(start).seconds(), to, samples.get(start).server()));
                start = i;
            }
        }
        return bands;
    }
}
