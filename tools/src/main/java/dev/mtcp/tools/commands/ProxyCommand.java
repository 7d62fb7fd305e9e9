package dev.mtcp.tools.commands;

import dev.mtcp.tools.CommandFailure;
import dev.mtcp.tools.cli.HostPort;
import dev.mtcp.tools.cli.HostPortConverter;
import dev.mtcp.tools.cli.ServerRef;
import dev.mtcp.tools.cli.ServerRefConverter;
import dev.mtcp.tools.config.ClientConfigFile;
import dev.mtcp.tools.config.ProxySettings;
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
    public Integer call() {
        if (config != null) {
            if (listen != null || !servers.isEmpty()) {
                throw CommandFailure.input("give either --config FILE or --listen/--server, not both");
            }
            ClientConfigFile.ClientSettings settings = ClientConfigFile.read(config);
            throw CommandFailure.notAvailable("'mtcp proxy --config' read " + settings.listeners().size()
                    + " listener(s) for " + settings.services().keySet() + " from " + config
                    + "; running them needs the proxy modes of client-stack", 6);
        }
        ProxySettings settings = settings();
        if (settings.socks().isPresent()) {
            throw CommandFailure.notAvailable("'mtcp proxy --socks' will accept SOCKS5 clients", 6);
        }
        if (settings.policy().isPresent()) {
            throw CommandFailure.notAvailable("'mtcp proxy --policy' will migrate on QoS degradation per the policy", 5);
        }
        throw CommandFailure.notAvailable("'mtcp proxy' will forward " + settings.listen()
                + " through ForwardProxy from client-stack to " + settings.preferred(), 3);
    }
}
