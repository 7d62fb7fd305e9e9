package dev.mtcp.qos.policy;

import java.util.Objects;

/**
 * A policy file that cannot be used. The message names the file, the line and the field:
 * {@code policy.yaml:7: triggers.any[1].for: "5x" is not a duration (use e.g. 300ms, 5s, 1m)}.
 */
public final class PolicyException extends Exception {
    private final String source;
    private final int line;
    private final String field;
    private final String problem;

    /**
     * @param source  the file name as the user gave it
     * @param line    1-based line, 0 when unknown
     * @param field   the dotted path of the field ({@code triggers.any[1].for}), empty for the document
     * @param problem what is wrong and how to fix it
     */
    public PolicyException(String source, int line, String field, String problem) {
        super(format(source, line, field, problem));
        this.source = Objects.requireNonNull(source, "source");
        this.line = line;
        this.field = Objects.requireNonNull(field, "field");
        this.problem = Objects.requireNonNull(problem, "problem");
    }

    public String source() {
        return source;
    }

    public int line() {
        return line;
    }

    public String field() {
        return field;
    }

    public String problem() {
        return problem;
    }

    private static String format(String source, int line, String field, String problem) {
        String where = line > 0 ? source + ":" + line : source;
        return field.isEmpty() ? where + ": " + problem : where + ": " + field + ": " + problem;
    }
}
