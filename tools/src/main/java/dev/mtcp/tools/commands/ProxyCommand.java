package dev.mtcp.tools.commands;

import dev.mtcp.client.ClientConfig;
import dev.mtcp.client.ServiceEndpoint;
import dev.mtcp.client.proxy.ForwardProxy;
import dev.mtcp.tools.CommandFailure;
import dev.mtcp.tools.admin.AdminServer;
import dev.mtcp.tools.cli.HostPort;
import dev.mtcp.tools.cli.HostPortConverter;
import dev.mtcp.tools.cli.ServerRef;
import dev.mtcp.tools.cli.ServerRefConverter;
import dev.mtcp.tools.config.ClientConfigFile;
import dev.mtcp.tools.config.ListenerSpec;
import dev.mtcp.tools.config.ProxySettings;
import dev.mtcp.tools.run.Listeners;
import dev.mtcp.tools.run.ProxyAdmin;
import dev.mtcp.tools.run.ServiceLifecycle;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
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
        List<Forward> forwards;
        Map<String, List<ServerRef>> services = new LinkedHashMap<>();
        Optional<HostPort> adminAddress;
        Optional<Path> policyFile;
        if (config != null) {
            if (listen != null || !servers.isEmpty()) {
                throw CommandFailure.input("give either --config FILE or --listen/--server, not both");
            }
            ClientConfigFile.ClientSettings settings = ClientConfigFile.read(config);
            settings.services().forEach((name, spec) -> services.put(name, spec.servers()));
            forwards = new ArrayList<>();
            for (ListenerSpec listener : settings.listeners()) {
                switch (listener) {
                    case ListenerSpec.Forward f -> forwards.add(new Forward(f.listen(), f.service()));
                    case ListenerSpec.Socks s -> throw CommandFailure.notAvailable("the socks listener on " + s.listen()
                            + " will accept SOCKS5 clients", 6);
                    case ListenerSpec.Transparent t -> throw CommandFailure.notAvailable("the transparent listener on "
                            + t.listen() + " will take iptables-redirected connections", 6);
                }
            }
            adminAddress = admin != null ? Optional.of(admin) : settings.admin();
            policyFile = settings.policy();
        } else {
            ProxySettings settings = settings();
            if (settings.socks().isPresent()) {
                throw CommandFailure.notAvailable("'mtcp proxy --socks' will accept SOCKS5 clients", 6);
            }
            services.put(DEFAULT_SERVICE, settings.servers());
            forwards = List.of(new Forward(settings.listen(), DEFAULT_SERVICE));
            adminAddress = settings.admin();
            policyFile = settings.policy();
        }
        if (policyFile.isPresent()) {
            throw CommandFailure.notAvailable("the QoS policy " + policyFile.get()
                    + " will make the proxy migrate when the service degrades", 5);
        }
        return run(forwards, services, adminAddress);
    }

    /** A port-forward listener and the service it forwards to. */
    private record Forward(HostPort listen, String service) {}

    private Integer run(List<Forward> forwards, Map<String, List<ServerRef>> services, Optional<HostPort> adminAddress)
            throws InterruptedException {
        Set<String> serverIds = new HashSet<>();
        services.values().forEach(list -> list.forEach(s -> serverIds.add(s.id())));
        ProxyAdmin model = new ProxyAdmin(serverIds);
        PrintWriter out = spec.commandLine().getOut();
        try (ServiceLifecycle life = new ServiceLifecycle("mtcp proxy")) {
            List<String> ready = new ArrayList<>();
            for (Forward forward : forwards) {
                ClientConfig template = ClientConfig.of(forward.service(), endpoints(services.get(forward.service())));
                ForwardProxy proxy = life.own(Listeners.bind("--listen " + forward.listen(),
                        () -> ForwardProxy.start(forward.listen().resolve(), template, model::onConnection)));
                model.add(proxy);
                ready.add("mtcp proxy listening on " + HostPort.of(proxy.address()) + " (service " + forward.service()
                        + ": " + services.get(forward.service()).stream().map(ServerRef::id).toList() + ")");
            }
            if (adminAddress.isPresent()) {
                AdminServer adminServer = life.own(Listeners.bind("--admin " + adminAddress.get(), () -> AdminServer.start(
                        adminAddress.get().resolve(), model, model.metrics(), Duration.ofSeconds(30))));
                ready.add("mtcp proxy admin API on " + HostPort.of(adminServer.address()));
            }
            life.closeOnShutdown();
            ready.forEach(out::println);
            out.flush();
            life.awaitClosed();
        }
        return 0;
    }

    private static List<ServiceEndpoint> endpoints(List<ServerRef> servers) {
        List<ServiceEndpoint> endpoints = new ArrayList<>();
        for (ServerRef server : servers) {
            try {
                endpoints.add(new ServiceEndpoint(server.id(), server.address().resolve()));
            } catch (IllegalArgumentException e) {
                throw CommandFailure.input("--server " + server + ": " + e.getMessage(), e);
            }
        }
        return endpoints;
    }
}
