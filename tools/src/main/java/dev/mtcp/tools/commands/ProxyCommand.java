package dev.mtcp.tools.commands;

import dev.mtcp.client.config.ClientConfigParser;
import dev.mtcp.client.config.ClientFileConfig;
import dev.mtcp.client.config.ConfigException;
import dev.mtcp.client.config.ForwardListener;
import dev.mtcp.client.config.ServerEntry;
import dev.mtcp.client.config.ServiceConfig;
import dev.mtcp.client.config.SocksListener;
import dev.mtcp.qos.policy.Policy;
import dev.mtcp.qos.policy.PolicyException;
import dev.mtcp.qos.policy.PolicyParser;
import dev.mtcp.tools.CommandFailure;
import dev.mtcp.tools.cli.HostPort;
import dev.mtcp.tools.cli.HostPortConverter;
import dev.mtcp.tools.cli.ServerRef;
import dev.mtcp.tools.cli.ServerRefConverter;
import dev.mtcp.tools.config.ProxySettings;
import dev.mtcp.tools.run.ProxyRunner;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mtcp proxy}: turns plain TCP connections (curl, a browser, nc) into migratory connections. */
@Command(name = "proxy", mixinStandardHelpOptions = true,
        header = "Turn plain TCP connections into migratory ones (port-forward proxy).",
        description = "Port-forward transparent proxy: every TCP connection accepted on --listen becomes one "
                + "migratory connection to the service made of the --server list (the first preferred). The "
                + "client app is unchanged. Prints 'mtcp proxy listening on HOST:PORT' when ready; stops "
                + "cleanly on SIGTERM/Ctrl-C.",
        footerHeading = "%nExamples:%n",
        footer = {
            "  mtcp proxy --listen 127.0.0.1:8080 --admin 127.0.0.1:9000 \\",
            "      --server s1=127.0.0.1:7001 --server s2=127.0.0.1:7002",
            "  curl -o file http://127.0.0.1:8080/file        # in another terminal",
            "  mtcp migrate --admin 127.0.0.1:9000 all          # move it live",
            "  mtcp proxy --config client.yaml",
        })
public final class ProxyCommand implements Callable<Integer> {
    /** The service name sent in HELLO when the servers are given with --server. */
    static final String DEFAULT_SERVICE = "default";

    @Option(names = "--listen", paramLabel = "HOST:PORT", converter = HostPortConverter.class,
            description = "Address the plain TCP clients connect to (port-forward mode).")
    HostPort listen;

    @Option(names = "--server", paramLabel = "ID=HOST:PORT", converter = ServerRefConverter.class,
            description = "A server of the service (repeatable; the first is preferred).")
    List<ServerRef> servers = new ArrayList<>();

    @Option(names = "--socks", paramLabel = "HOST:PORT", converter = HostPortConverter.class,
            description = "Also accept SOCKS5 (RFC 1928 CONNECT) clients here.")
    HostPort socks;

    @Option(names = "--policy", paramLabel = "FILE", description = "QoS policy file: when and where to migrate.")
    Path policy;

    @Option(names = "--config", paramLabel = "FILE",
            description = "Client config file (YAML: services, listeners, policy, admin) instead of the flags.")
    Path config;

    @Option(names = "--admin", paramLabel = "HOST:PORT", converter = HostPortConverter.class,
            description = "Loopback address for the admin HTTP API (conns, migrate, metrics).")
    HostPort admin;

    @Spec
    CommandSpec spec;

    /** The validated settings of the flags form. */
    ProxySettings settings() {
        if (listen == null) {
            throw CommandFailure.input("give --listen HOST:PORT (where plain TCP clients connect) or --config FILE");
        }
        return new ProxySettings(listen, servers, Optional.ofNullable(socks), Optional.ofNullable(policy),
                Optional.ofNullable(admin));
    }

    @Override
    public Integer call() throws InterruptedException {
        ClientFileConfig file;
        if (config != null) {
            if (listen != null || !servers.isEmpty() || socks != null || policy != null) {
                throw CommandFailure.input("give either --config FILE or --listen/--server/--socks/--policy, not both");
            }
            try {
                file = new ClientConfigParser().parse(config);
            } catch (ConfigException e) {
                throw CommandFailure.input(e.getMessage(), e);
            }
        } else {
            file = fromFlags(settings());
        }
        Optional<HostPort> adminAddress = Optional.ofNullable(admin)
                .or(() -> file.admin().map(a -> new HostPort(a.host(), a.port())));
        adminAddress.ifPresent(a -> {
            if (!a.isLoopback()) {
                throw CommandFailure.input("admin address " + a + " is not loopback; the admin API has no "
                        + "authentication, so use 127.0.0.1:PORT or [::1]:PORT");
            }
        });
        Optional<Policy> qosPolicy = Optional.empty();
        if (file.policy().isPresent()) {
            try {
                qosPolicy = Optional.of(PolicyParser.parse(file.policy().get()));
            } catch (PolicyException e) {
                throw CommandFailure.input(e.getMessage(), e);
            }
        }
        return new ProxyRunner(file, qosPolicy, adminAddress, spec.commandLine().getOut()).run();
    }

    /** The flags as a client config: one service ("default") with the --server list. */
    private static ClientFileConfig fromFlags(ProxySettings settings) {
        List<ServerEntry> entries = settings.servers().stream()
                .map(s -> new ServerEntry(s.id(), s.address().host(), s.address().port())).toList();
        List<ServiceConfig> services = List.of(new ServiceConfig(DEFAULT_SERVICE, entries));
        Optional<SocksListener> socksListener = settings.socks()
                .map(s -> new SocksListener(new dev.mtcp.client.config.HostPort(s.host(), s.port()), List.of(), false));
        return new ClientFileConfig("command line", services,
                List.of(new ForwardListener(new dev.mtcp.client.config.HostPort(settings.listen().host(), settings.listen().port()),
                        DEFAULT_SERVICE)),
                socksListener, Optional.empty(), settings.policy(), Optional.empty(),
                ClientFileConfig.DEFAULT_DEAD_AFTER, ClientFileConfig.DEFAULT_GIVE_UP_AFTER, ClientFileConfig.DEFAULT_MIGRATE_TIMEOUT);
    }
}
