package dev.mtcp.tools;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/** Entry point of the {@code mtcp} command line. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        int code = commandLine(out, err).execute(args);
        out.flush();
        err.flush();
        System.exit(code);
    }

    /**
     * The configured command line: output to {@code out}, errors to {@code err}, exit codes from
     * {@link ExitCodes}. Tests call {@code commandLine(out, err).execute(args)} to capture both.
     */
    public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new MtcpCommand());
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionExceptionHandler(Main::handleExecutionFailure);
        cl.setParameterExceptionHandler(Main::handleUsageError);
        cl.setExitCodeExceptionMapper(ExitCodes::of);
        return cl;
    }

    private static int handleUsageError(CommandLine.ParameterException e, String[] args) {
        CommandLine cl = e.getCommandLine();
        PrintWriter err = cl.getErr();
        err.println(cl.getCommandSpec().qualifiedName() + ": " + e.getMessage());
        CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
        err.println("Try '" + cl.getCommandSpec().qualifiedName() + " --help' for the options and examples.");
        err.flush();
        return ExitCodes.USAGE;
    }

    private static int handleExecutionFailure(Exception e, CommandLine cl, ParseResult parseResult) {
        PrintWriter err = cl.getErr();
        String name = cl.getCommandSpec().qualifiedName();
        if (e instanceof CommandFailure) {
            err.println(name + ": " + e.getMessage());
        } else {
            err.println(name + ": internal error: " + e
                    + " (this is a bug in mtcp: rerun with --verbose and report the output)");
        }
        if (isVerbose(parseResult)) {
            e.printStackTrace(err);
        }
        err.flush();
        return ExitCodes.of(e);
    }

    private static boolean isVerbose(ParseResult parseResult) {
        for (ParseResult pr = parseResult; pr != null; pr = pr.subcommand()) {
            if (pr.hasMatchedOption("--verbose")) {
                return true;
            }
        }
        return false;
    }
}
