package dev.mtcp.tools;

import dev.mtcp.tools.commands.BenchCommand;
import dev.mtcp.tools.commands.ConnsCommand;
import dev.mtcp.tools.commands.DemoCommand;
import dev.mtcp.tools.commands.DrainCommand;
import dev.mtcp.tools.commands.KeygenCommand;
import dev.mtcp.tools.commands.MigrateCommand;
import dev.mtcp.tools.commands.PolicyCommand;
import dev.mtcp.tools.commands.ProxyCommand;
import dev.mtcp.tools.commands.ServerCommand;
import dev.mtcp.tools.commands.TraceCommand;
import dev.mtcp.tools.commands.WanCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** The top-level {@code mtcp} command: lists the verbs of architecture §7. */
@Command(
        name = "mtcp",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        usageHelpAutoWidth = true,
        description = "Migratory TCP for the JVM: a client's connection to a service whose server endpoint "
                + "can move, live, between servers without the client application noticing.",
        subcommands = {
            ServerCommand.class, ProxyCommand.class, ConnsCommand.class, MigrateCommand.class,
            DrainCommand.class, KeygenCommand.class, PolicyCommand.class, DemoCommand.class,
            TraceCommand.class, WanCommand.class, BenchCommand.class,
        },
        commandListHeading = "%nCommands:%n",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            ExitCodes.HELP_OK, ExitCodes.HELP_CHECK_FAILED, ExitCodes.HELP_USAGE, ExitCodes.HELP_INPUT,
            ExitCodes.HELP_RUNTIME, ExitCodes.HELP_INTERNAL,
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  mtcp keygen --out group.key",
            "  mtcp server --id s1 --listen 127.0.0.1:7001 --group-key group.key \\",
            "      --app http --root ./www --peer s2=127.0.0.1:7002 --admin 127.0.0.1:9001",
            "  mtcp proxy --listen 127.0.0.1:8080 --admin 127.0.0.1:9000 \\",
            "      --server s1=127.0.0.1:7001 --server s2=127.0.0.1:7002",
            "  mtcp conns --admin 127.0.0.1:9000",
            "  mtcp migrate --admin 127.0.0.1:9000 all --to s2",
            "",
            "Run 'mtcp COMMAND --help' for a command's options and examples.",
        })
public final class MtcpCommand implements Runnable {
    /** Shown on every command; the error handler looks for it to decide whether to print a stack trace. */
    @Option(names = "--verbose", scope = ScopeType.INHERIT,
            description = "On error, also print the stack trace (for bug reports).")
    boolean verbose;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        // `mtcp` alone: show what there is to do, like `git`.
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
