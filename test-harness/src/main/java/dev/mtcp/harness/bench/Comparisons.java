package dev.mtcp.harness.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * Attaches baselines to a group of rows measured together: relay chains are compared with the direct
 * path, the mtcp paths with the socat chain (the claim) or, when socat is missing, with the
 * direct path. Targets apply to the {@code mtcp} (proxy) path, the one the claims are about.
 */
final class Comparisons {
    static final String MTCP = "mtcp";

    private Comparisons() {}

    /** The path a row on {@code path} is compared with, or null for the direct baseline itself. */
    static String baselineOf(String path, Map<String, BenchResult> byPath) {
        if (path.equals(DirectPath.NAME)) {
            return null;
        }
        if (path.startsWith(MTCP)) {
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
            BenchResult direct = byPath.get(DirectPath.NAME);
            if (r.path().startsWith(MTCP) && !DirectPath.NAME.equals(base) && compared.isMeasured()
                    && direct != null && direct.isMeasured() && direct.value() != 0) {
                String vsDirect = "x" + ResultLine.number(r.value() / direct.value()) + " vs direct";
                compared = compared.withNote(r.note() == null ? vsDirect : vsDirect + "; " + r.note());
            }
            out.add(Objects.equals(r.path(), MTCP) ? mtcpTarget.apply(compared) : compared);
        }
        return out;
    }
}
