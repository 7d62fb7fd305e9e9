package dev.mtcp.tools;

import java.util.Objects;

/**
 * A failure a command reports to its user: one line saying what was wrong and what to do. Its
 * {@link Kind} decides the exit code (see {@link ExitCodes}); the stack trace is shown only with
 * {@code --verbose}.
 */
public final class CommandFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** What went wrong, for the exit code. */
    public enum Kind { CHECK_FAILED, INPUT, RUNTIME }

    private final Kind kind;

    private CommandFailure(Kind kind, String message, Throwable cause) {
        super(Objects.requireNonNull(message, "message"), cause);
        this.kind = Objects.requireNonNull(kind, "kind");
    }

    public Kind kind() {
        return kind;
    }

    /** A check ran and failed. */
    public static CommandFailure checkFailed(String message) {
        return new CommandFailure(Kind.CHECK_FAILED, message, null);
    }

    /** A file or setting is missing or invalid. */
    public static CommandFailure input(String message) {
        return new CommandFailure(Kind.INPUT, message, null);
    }

    /** A file or setting is missing or invalid, caused by {@code cause}. */
    public static CommandFailure input(String message, Throwable cause) {
        return new CommandFailure(Kind.INPUT, message, cause);
    }

    /** A network or runtime failure. */
    public static CommandFailure runtime(String message, Throwable cause) {
        return new CommandFailure(Kind.RUNTIME, message, cause);
    }

    /** A network or runtime failure. */
    public static CommandFailure runtime(String message) {
        return new CommandFailure(Kind.RUNTIME, message, null);
    }

}
