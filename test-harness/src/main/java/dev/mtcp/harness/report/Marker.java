package dev.mtcp.harness.report;

/** A vertical line at an instant, e.g. a migration ("s1 → s2: goodput") or a link event ("cut s3"). */
public record Marker(double seconds, String label, Kind kind) {
    public enum Kind { MIGRATION, EVENT }
}
