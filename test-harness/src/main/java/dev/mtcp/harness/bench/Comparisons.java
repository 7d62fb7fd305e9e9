package dev.mtcp.harness.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * Attaches baselines to a group of rows measured together: relay chains are compared with the direct
 * path, mtcp with the socat chain (the claim) or, when socat is missing, with the direct path.
 */
final class Comparisons {
    static final String MTCP = "mtcp";

    private Comparisons() {}

    /** The path a row on {@code path} is compared with, or null for the direct baseline itself. */
    static String baselineOf(String path, Map<String, BenchResult> byPath) {
        if (path.equals(DirectPath.NAME)) {
            return null;
        }
        if (path.equals(MTCP)) {
            BenchResult socat = byPath.get("socat-chain");
            return socat != null && socat.isMeasured() ? "socat-chain" : DirectPath.NAME;
        }
        return DirectPath.NAME;
    }

    /**
     * Compares each row of one group (one metric, one row label, several paths) with its baseline, and
     * applies {@code mtcpTarget} to the mtcp row.
     */
    static List<BenchResult> compare(Map<String, BenchResult> byPath, UnaryOperator<BenchResult> mtcpTarget) {
        List<BenchResult> out = new ArrayList<>();
        for (BenchResult r : byPath.values()) {
            String base = baselineOf(r.path(), byPath);
            BenchResult compared = base == null ? r : r.comparedWith(byPath.get(base));
            out.add(Objects.equals(r.path(), MTCP) ? mtcpTarget.apply(compared) : compared);
        }
        return out;
    }
}
