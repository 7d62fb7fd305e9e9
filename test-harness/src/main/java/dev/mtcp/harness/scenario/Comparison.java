package dev.mtcp.harness.scenario;

import java.util.Optional;

/** The comparison of an expectation such as {@code ">= 2"} or {@code "< 2s"}. */
public enum Comparison {
    LESS("<"), LESS_OR_EQUAL("<="), EQUAL("=="), GREATER_OR_EQUAL(">="), GREATER(">");

    private final String symbol;

    Comparison(String symbol) {
        this.symbol = symbol;
    }

    public String symbol() {
        return symbol;
    }

    /** True when {@code actual <op> bound}. */
    public <T extends Comparable<T>> boolean holds(T actual, T bound) {
        int c = actual.compareTo(bound);
        return switch (this) {
            case LESS -> c < 0;
            case LESS_OR_EQUAL -> c <= 0;
            case EQUAL -> c == 0;
            case GREATER_OR_EQUAL -> c >= 0;
            case GREATER -> c > 0;
        };
    }

    /** Splits {@code ">= 2"} into the comparison and the rest; a bare value means {@code ==}. */
    static Optional<Comparison> prefixOf(String text) {
        for (Comparison c : new Comparison[] {LESS_OR_EQUAL, GREATER_OR_EQUAL, EQUAL, LESS, GREATER}) {
            if (text.startsWith(c.symbol)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }
}
