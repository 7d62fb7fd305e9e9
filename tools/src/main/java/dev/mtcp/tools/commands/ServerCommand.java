package dev.mtcp.tools.commands;

import dev.mtcp.tools.CommandFailure;
import dev.mtcp.tools.cli.HostPort;
import dev.mtcp.tools.cli.HostPortConverter;
import dev.mtcp.tools.cli.ServerRef;
import dev.mtcp.tools.cli.ServerRefConverter;
import dev.mtcp.tools.config.AppKind;
import dev.mtcp.tools.config.Durability;
import dev.mtcp.tools.config.GroupKeyFile;
import dev.mtcp.tools.config.ServerSettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mtcp server}: one server of a migratory service, running a sample app. */
@Command(name = "server", mixinStandardHelpOptions = true,
        header = "Run one server of a migratory service.",
        description = "Run one server of a migratory service. Clients' carriers and peer servers share "
                + "--listen; connections migrate in from and out to the --peer servers, which share the "
                + "--group-key. Prints 'mtcp server ID listening on HOST:PORT' when ready; stops cleanly on "
                + "SIGTERM/Ctrl-C.",
        footerHeading = "%nExamples:%n",
        footer = {
            "  mtcp keygen --out group.key",
            "  mtcp server --id s1 --listen 127.0.0.1:7001 --group-key group.key \\",
            "      --app echo --peer s2=127.0.0.1:7002 --peer s3=127.0.0.1:7003 \\",
            "      --admin 127.0.0.1:9001",
            "  mtcp server --id s2 --listen 127.0.0.1:7002 --group-key group.key \\",
            "      --app http --root ./www --peer s1=127.0.0.1:7001 \\",
            "      --backup s1 --durability ack-on-replicate",
        })
public final class ServerCommand implements Callable<Integer> {
    @Option(names = "--id", required = true, paramLabel = "ID", description = "This server's id, e.g. s1.")
    String id;

    @Option(names = "--listen", required = true, paramLabel = "HOST:PORT", converter = HostPortConverter.class,
            description = "Address for client carriers and peer traffic (port 0: any free port).")
    HostPort listen;

    @Option(names = "--group-key", required = true, paramLabel = "FILE",
            description = "Group key file from 'mtcp keygen' (mode 0600), the same on every server of the group.")
    Path groupKey;

    @Option(names = "--app", required = true, paramLabel = "APP", converter = AppKind.Converter.class,
            completionCandidates = AppKind.Names.class,
            description = "Sample app to serve: ${COMPLETION-CANDIDATES}.")
    AppKind app;

    @Option(names = "--root", paramLabel = "DIR", description = "Directory the http app serves files from.")
    Path root;

    @Option(names = "--peer", paramLabel = "ID=HOST:PORT", converter = ServerRefConverter.class,
            description = "Another server of the group (repeatable).")
    List<ServerRef> peers = new ArrayList<>();

    @Option(names = "--backup", paramLabel = "ID",
            description = "A peer that receives this server's checkpoints for crash failover (repeatable).")
    List<String> backups = new ArrayList<>();

    @Option(names = "--durability", paramLabel = "MODE", converter = Durability.Converter.class,
            completionCandidates = Durability.Names.class, defaultValue = "ack-on-receive",
            description = "When upstream bytes are acknowledged: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Durability durability;

    @Option(names = "--admin", paramLabel = "HOST:PORT", converter = HostPortConverter.class,
            description = "Loopback address for the admin HTTP API (connections, drain, metrics).")
    HostPort admin;

    @Spec
    CommandSpec spec;

    /** The validated settings of this invocation. */
    ServerSettings settings() {
        return new ServerSettings(id, listen, groupKey, app, Optional.ofNullable(root), peers, backups, durability,
                Optional.ofNullable(admin));
    }

    @Override
    public Integer call() {
        ServerSettings settings = settings();
        GroupKeyFile.read(settings.groupKey());
        throw CommandFailure.notAvailable("'mtcp server' will run MigratoryServer from server-stack with the "
                + settings.app().label() + " app on " + settings.listen(), 3);
    }
}
