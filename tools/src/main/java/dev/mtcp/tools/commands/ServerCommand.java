package dev.mtcp.tools.commands;

import dev.mtcp.protocol.crypto.GroupKey;
import dev.mtcp.server.CpuOverload;
import dev.mtcp.server.Durability;
import dev.mtcp.server.MigratoryApp;
import dev.mtcp.server.MigratoryServer;
import dev.mtcp.server.ServerConfig;
import dev.mtcp.server.apps.EchoApp;
import dev.mtcp.server.apps.HttpApp;
import dev.mtcp.server.apps.StreamApp;
import dev.mtcp.tools.CommandFailure;
import dev.mtcp.tools.admin.AdminServer;
import dev.mtcp.tools.cli.HostPort;
import dev.mtcp.tools.cli.HostPortConverter;
import dev.mtcp.tools.cli.ServerRef;
import dev.mtcp.tools.cli.ServerRefConverter;
import dev.mtcp.tools.config.AppKind;
import dev.mtcp.tools.config.DurabilityOption;
import dev.mtcp.tools.config.GroupKeyFile;
import dev.mtcp.tools.config.ServerSettings;
import dev.mtcp.tools.run.Listeners;
import dev.mtcp.tools.run.ServerAdmin;
import dev.mtcp.tools.run.ServiceLifecycle;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
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

    @Option(names = "--durability", paramLabel = "MODE", converter = DurabilityOption.Converter.class,
            completionCandidates = DurabilityOption.Names.class,
            description = "When upstream bytes are acknowledged: ${COMPLETION-CANDIDATES} (default: "
                    + "ack-on-replicate with --backup, else ack-on-receive).")
    Durability durability;

    @Option(names = "--admin", paramLabel = "HOST:PORT", converter = HostPortConverter.class,
            description = "Loopback address for the admin HTTP API (connections, drain, metrics).")
    HostPort admin;

    @Option(names = "--capacity", paramLabel = "CONNECTIONS", defaultValue = "1000",
            description = "Connections that mean 100%% load (reported in PONG); a new connection beyond it is "
                    + "hinted away (MIGRATE_HINT overload). Default: ${DEFAULT-VALUE}.")
    int capacity;

    @Option(names = "--overload-cpu", paramLabel = "PERCENT",
            description = "While the machine's CPU is busy at or above this (1..100), a new connection is hinted away "
                    + "(MIGRATE_HINT overload) and PONG reports at least the CPU load. Default: off.")
    Integer overloadCpuPercent;

    @Option(names = "--replica-ack-timeout-ms", paramLabel = "MILLIS", defaultValue = "1000",
            description = "A backup that acknowledges no checkpoint for this long is dropped from the live set "
                    + "(raise it for backups across a lossy or long WAN path). Default: ${DEFAULT-VALUE}.")
    long replicaAckTimeoutMillis;

    @Spec
    CommandSpec spec;

    /** The validated settings of this invocation. */
    ServerSettings settings() {
        Durability mode = durability != null ? durability
                : backups.isEmpty() ? Durability.ACK_ON_RECEIVE : Durability.ACK_ON_REPLICATE;
        return new ServerSettings(id, listen, groupKey, app, Optional.ofNullable(root), peers, backups, mode,
                Optional.ofNullable(admin));
    }

    @Override
    public Integer call() throws InterruptedException {
        ServerSettings settings = settings();
        GroupKey key = GroupKeyFile.read(settings.groupKey());
        MigratoryApp app = switch (settings.app()) {
            case ECHO -> new EchoApp();
            case STREAM -> new StreamApp();
            case HTTP -> httpApp(settings.root().orElseThrow());
        };
        if (capacity < 1) {
            throw CommandFailure.input("--capacity " + capacity + ": must be at least 1 connection");
        }
        if (replicaAckTimeoutMillis < 1) {
            throw CommandFailure.input("--replica-ack-timeout-ms " + replicaAckTimeoutMillis + ": must be positive");
        }
        if (overloadCpuPercent != null && (overloadCpuPercent < 1 || overloadCpuPercent > 100)) {
            throw CommandFailure.input("--overload-cpu " + overloadCpuPercent + ": must be a percentage from 1 to 100");
        }
        ServerConfig base = serverConfig(settings, key).withCapacityConnections(capacity)
                .withCpuOverload(overloadCpuPercent == null ? CpuOverload.OFF : CpuOverload.atPercent(overloadCpuPercent));
        ServerConfig config = base.withFailoverTimeouts(base.fetchTimeout(), Duration.ofMillis(replicaAckTimeoutMillis));
        PrintWriter out = spec.commandLine().getOut();
        try (ServiceLifecycle life = new ServiceLifecycle("mtcp server " + settings.id())) {
            MigratoryServer server = life.own(Listeners.bind("--listen " + settings.listen(),
                    () -> MigratoryServer.start(config, app)));
            String adminText = "";
            if (settings.admin().isPresent()) {
                ServerAdmin model = new ServerAdmin(server, config.peers().keySet());
                AdminServer admin = life.own(Listeners.bind("--admin " + settings.admin().get(), () -> AdminServer.start(
                        settings.admin().get().resolve(), model, model.metrics(), Duration.ofSeconds(30))));
                adminText = ", admin " + HostPort.of(admin.address());
            }
            life.closeOnShutdown();
            out.println("mtcp server " + settings.id() + " listening on " + HostPort.of(server.address()) + " (app "
                    + settings.app().label() + ", peers " + config.peers().keySet().stream().sorted().toList()
                    + adminText + ")");
            out.flush();
            life.awaitClosed();
        }
        return 0;
    }

    private static MigratoryApp httpApp(Path root) {
        try {
            return new HttpApp(root);
        } catch (java.io.IOException e) {
            throw CommandFailure.input("--root " + root + ": " + e.getMessage(), e);
        }
    }

    private static ServerConfig serverConfig(ServerSettings settings, GroupKey key) {
        Map<String, InetSocketAddress> peers = new LinkedHashMap<>();
        for (ServerRef peer : settings.peers()) {
            try {
                peers.put(peer.id(), peer.address().resolve());
            } catch (IllegalArgumentException e) {
                throw CommandFailure.input("--peer " + peer + ": " + e.getMessage(), e);
            }
        }
        InetSocketAddress listen;
        try {
            listen = settings.listen().resolve();
        } catch (IllegalArgumentException e) {
            throw CommandFailure.input("--listen " + settings.listen() + ": " + e.getMessage(), e);
        }
        return ServerConfig.of(settings.id(), listen, key).withPeers(peers).withBackups(settings.backups())
                .withDurability(settings.durability());
    }
}
