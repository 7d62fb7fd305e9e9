package dev.mtcp.tools;

import java.io.IOException;
import java.io.UncheckedIOException;
import picocli.CommandLine;

/**
 * The one place where outcomes become process exit codes. Scripts may rely on these values; they are
 * listed in {@code mtcp --help} and in the man pages.
 */
public final class ExitCodes {
    /** The command did what was asked. */
    public static final int OK = 0;
    /** A check ran and found a problem (e.g. {@code mtcp policy check} on an invalid file, a migration that failed). */
    public static final int CHECK_FAILED = 1;
    /** The command line itself was wrong: unknown option, missing argument, malformed value. */
    public static final int USAGE = 2;
    /** A file or setting named on the command line is missing, unreadable or invalid. */
    public static final int INPUT = 3;
    /** A network or runtime failure: nothing listening, connection lost, remote error. */
    public static final int RUNTIME = 4;
    /** A bug in mtcp (sysexits EX_SOFTWARE): please report it with the output of --verbose. */
    public static final int INTERNAL = 70;

    private ExitCodes() {}

    /** Maps any failure to its exit code. */
    public static int of(Throwable failure) {
        return switch (failure) {
            case CommandFailure f -> of(f.kind());
            case CommandLine.ParameterException ignored -> USAGE;
            case IOException ignored -> RUNTIME;
            case UncheckedIOException ignored -> RUNTIME;
            default -> INTERNAL;
        };
    }

    /** Maps a failure kind to its exit code. */
    public static int of(CommandFailure.Kind kind) {
        return switch (kind) {
            case CHECK_FAILED -> CHECK_FAILED;
            case INPUT -> INPUT;
            case RUNTIME -> RUNTIME;
        };
    }

    // The exit code list shown in --help and the man pages (picocli "code:description" entries).
    // Compile-time constants so @Command(exitCodeList = ...) can use them.
    static final String HELP_OK = "0:done";
    static final String HELP_CHECK_FAILED = "1:a check failed (invalid policy file, a migration that did not complete)";
    static final String HELP_USAGE = "2:usage error: unknown option, missing or malformed argument";
    static final String HELP_INPUT = "3:bad input: a file or setting is missing, unreadable or invalid";
    static final String HELP_RUNTIME = "4:runtime or network error: nothing listening, connection lost, remote error";
    static final String HELP_INTERNAL = "70:internal error (a bug: rerun with --verbose and report the output)";
}
