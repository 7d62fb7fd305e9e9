package dev.mtcp.harness.scenario;

/** An expected bound such as {@code >= 2} (a count) or {@code < 2s} (a duration). */
public record Bound<T extends Comparable<T>>(Comparison comparison, T value) {
    public boolean holds(T actual) {
        return comparison.holds(actual, value);
    }

    @Override
    public String toString() {
        return comparison.symbol() + " " + value;
    }
}
