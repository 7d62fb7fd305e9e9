package dev.mtcp.harness.report;

/** A shaded interval of the time axis, e.g. "served by s2" from 3.1 s to 7.4 s. */
public record Band(double fromSeconds, double toSeconds, String label) {
    public Band {
        if (toSeconds < fromSeconds) {
            throw new IllegalArgumentException("band ends before it starts: " + fromSeconds + " > " + toSeconds);
        }
    }
}
