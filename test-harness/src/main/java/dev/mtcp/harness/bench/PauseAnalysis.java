package dev.mtcp.harness.bench;

import java.util.Arrays;

/**
 * Turns the arrival times of a steady stream of responses and the times migrations were asked for and
 * completed into client-observed pauses: for each migration, the longest gap between consecutive
 * arrivals from the last arrival before the request to the first arrival after completion (the last
 * downstream byte before the switch → the first after it). The gaps outside every migration window
 * give the steady-state interval the pauses are compared with.
 */
public final class PauseAnalysis {
    private PauseAnalysis() {}

    /**
     * @param arrivalsNanos arrival times, ascending, of which the first {@code arrivals} are valid
     * @param requestedNanos when each migration was asked for
     * @param completedNanos when each migration's future completed
     * @return one pause per migration, in nanoseconds; 0 when no arrival followed the migration
     */
    public static long[] pauses(long[] arrivalsNanos, int arrivals, long[] requestedNanos, long[] completedNanos) {
        if (requestedNanos.length != completedNanos.length) {
            throw new IllegalArgumentException("one completion time per request time is needed");
        }
        long[] pauses = new long[requestedNanos.length];
        for (int m = 0; m < requestedNanos.length; m++) {
            int first = firstAfter(arrivalsNanos, arrivals, requestedNanos[m]);
            int end = firstAfter(arrivalsNanos, arrivals, completedNanos[m]);
            long longest = 0;
            for (int k = Math.max(first, 1); k <= Math.min(end, arrivals - 1); k++) {
                longest = Math.max(longest, arrivalsNanos[k] - arrivalsNanos[k - 1]);
            }
            pauses[m] = longest;
        }
        return pauses;
    }

    /** The gaps between consecutive arrivals that lie outside every migration window. */
    public static long[] steadyGaps(long[] arrivalsNanos, int arrivals, long[] requestedNanos, long[] completedNanos) {
        boolean[] inWindow = new boolean[arrivals];
        for (int m = 0; m < requestedNanos.length; m++) {
            int first = firstAfter(arrivalsNanos, arrivals, requestedNanos[m]);
            int end = Math.min(firstAfter(arrivalsNanos, arrivals, completedNanos[m]), arrivals - 1);
            for (int k = first; k <= end; k++) {
                inWindow[k] = true;
            }
        }
        long[] gaps = new long[Math.max(0, arrivals - 1)];
        int n = 0;
        for (int k = 1; k < arrivals; k++) {
            if (!inWindow[k]) {
                gaps[n++] = arrivalsNanos[k] - arrivalsNanos[k - 1];
            }
        }
        return Arrays.copyOf(gaps, n);
    }

    /** Index of the first arrival strictly after {@code t}, or {@code arrivals} when none. */
    private static int firstAfter(long[] arrivalsNanos, int arrivals, long t) {
        int i = Arrays.binarySearch(arrivalsNanos, 0, arrivals, t);
        if (i < 0) {
            return -i - 1;
        }
        while (i < arrivals && arrivalsNanos[i] <= t) {
            i++;
        }
        return i;
    }
}
