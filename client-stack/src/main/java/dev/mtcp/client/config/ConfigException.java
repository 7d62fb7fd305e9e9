package dev.mtcp.client.config;

/**
 * A configuration file is wrong. The message reads {@code FILE:LINE:COLUMN: FIELD: what was wrong},
 * e.g. {@code mtcp-client.yaml:12:13: listeners.socks.listen: '127.0.0.1' has no port: write
 * HOST:PORT, e.g. 127.0.0.1:1080}, so it can be shown to the user as it is.
 */
public final class ConfigException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String source;
    private final int line;
    private final int column;
    private final String field;
    private final String problem;

    public ConfigException(String source, int line, int column, String field, String problem) {
        super(format(source, line, column, field, problem));
        this.source = source;
        this.line = line;
        this.column = column;
        this.field = field;
        this.problem = problem;
    }

    private static String format(String source, int line, int column, String field, String problem) {
        StringBuilder b = new StringBuilder(source);
        if (line > 0) {
            b.append(':').append(line);
            if (column > 0) {
                b.append(':').append(column);
            }
        }
        b.append(": ");
        if (!field.isEmpty()) {
            b.append(field).append(": ");
        }
        return b.append(problem).toString();
    }

    /** The file (or source name) the error is in. */
    public String source() {
        return source;
    }

    /** 1-based line, 0 when unknown. */
    public int line() {
        return line;
    }

    /** 1-based column, 0 when unknown. */
    public int column() {
        return column;
    }

    /** Dotted path of the field, e.g. {@code services[1].servers[0].port}; empty for the whole file. */
    public String field() {
        return field;
    }

    /** What was wrong, without the location prefix. */
    public String problem() {
        return problem;
    }
}
