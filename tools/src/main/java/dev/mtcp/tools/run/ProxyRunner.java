package dev.mtcp.tools.run;

import dev.mtcp.client.MigratorySocket;
import dev.mtcp.client.config.ClientFileConfig;
import dev.mtcp.client.config.ForwardListener;
import dev.mtcp.client.config.ServerEntry;
import dev.mtcp.client.config.ServiceConfig;
import dev.mtcp.client.config.ServiceDirectory;
import dev.mtcp.client.config.SocksListener;
import dev.mtcp.client.config.TransparentListener;
import dev.mtcp.client.proxy.ForwardProxy;
import dev.mtcp.client.qos.QosMonitoredSockets;
import dev.mtcp.client.relay.MigratoryConnector;
import dev.mtcp.client.relay.ProxyListener;
import dev.mtcp.client.relay.TcpConnector;
import dev.mtcp.client.socks.Socks5Server;
import dev.mtcp.client.socks.Socks5Settings;
import dev.mtcp.client.transparent.TransparentProxy;
import dev.mtcp.client.transparent.TransparentSettings;
import dev.mtcp.qos.policy.Policy;
import dev.mtcp.tools.CommandFailure;
import dev.mtcp.tools.admin.AdminServer;
import dev.mtcp.tools.cli.HostPort;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;

/**
 * Runs {@code mtcp proxy} from a client config (the file, or the flags turned into one): port-forward
 * listeners, SOCKS5 and transparent listeners, and the admin API over all their connections. Prints
 * one ready line per listener, then blocks until SIGTERM/Ctrl-C.
 */
public final class ProxyRunner {
    private final ClientFileConfig file;
    private final Optional<Policy> policy;
    private final Optional<HostPort> adminAddress;
    private final PrintWriter out;

    /** @param policy the QoS policy every forwarded connection follows (attached with {@link QosMonitoredSockets}) */
    public ProxyRunner(ClientFileConfig file, Optional<Policy> policy, Optional<HostPort> adminAddress, PrintWriter out) {
        this.file = file;
        this.policy = policy;
        this.adminAddress = adminAddress;
        this.out = out;
    }

    public int run() throws InterruptedException {
        Set<String> serverIds = new HashSet<>();
        file.services().forEach(s -> s.servers().forEach(e -> serverIds.add(e.id())));
        ProxyAdmin model = new ProxyAdmin(serverIds);
        ServiceDirectory directory = new ServiceDirectory(file.services());
        List<String> ready = new ArrayList<>();
        try (ServiceLifecycle life = new ServiceLifecycle("mtcp proxy")) {
            Consumer<MigratorySocket> onConnection = onConnection(model, life);
            // SOCKS5 and transparent connections: the file's timeouts, the metrics hooks, and the QoS policy.
            MigratoryConnector connector = MigratoryConnector.of(file, List.of(model.migrationCounter()),
                    service -> List.of(model.byteCounter()), onConnection);
            for (ForwardListener forward : file.forward()) {
                ServiceConfig service = file.service(forward.service()).orElseThrow(() -> CommandFailure.input(
                        "forward listener " + forward.listen() + " names unknown service '" + forward.service() + "'"));
                ForwardProxy proxy = life.own(Listeners.bind("forward listener " + forward.listen(),
                        () -> ForwardProxy.start(address(forward.listen()), connector.clientConfig(service),
                                onConnection)));
                model.add(proxy);
                ready.add("mtcp proxy listening on " + HostPort.of(proxy.address()) + " (service " + service.name()
                        + ": " + service.servers().stream().map(ServerEntry::id).toList()
                        + (policy.isPresent() ? ", QoS policy " + file.policy().orElseThrow() : "") + ")");
            }
            if (file.socks().isPresent() || file.transparent().isPresent()) {
                model.add(connector);
            }
            if (file.socks().isPresent()) {
                SocksListener socks = file.socks().get();
                Socks5Server server = life.own(Listeners.bind("socks listener " + socks.listen(), () -> Socks5Server.start(
                        Socks5Settings.of(socks), directory, connector, new TcpConnector(Duration.ofSeconds(5)),
                        ProxyListener.NONE)));
                ready.add("mtcp proxy socks5 listening on " + HostPort.of(server.address()) + " (services "
                        + serviceNames() + (socks.users().isEmpty() ? "" : ", username/password required")
                        + (socks.passthrough() ? ", passthrough" : "") + ")");
            }
            if (file.transparent().isPresent()) {
                TransparentListener transparent = file.transparent().get();
                TransparentProxy proxy = life.own(Listeners.bind("transparent listener " + transparent.listen(),
                        () -> TransparentProxy.start(TransparentSettings.of(transparent), directory, connector,
                                ProxyListener.NONE)));
                ready.add("mtcp proxy transparent listening on " + HostPort.of(proxy.address()) + " (services "
                        + serviceNames() + ")");
                if (!proxy.redirectRules().isInstalled()) {
                    ready.add("# install the redirect rules (as root), remove them with -D instead of -A:");
                    ready.add(proxy.redirectRules().renderInstall().stripTrailing());
                }
            }
            if (adminAddress.isPresent()) {
                AdminServer admin = life.own(Listeners.bind("--admin " + adminAddress.get(), () -> AdminServer.start(
                        adminAddress.get().resolve(), model, model.metrics(), Duration.ofSeconds(30))));
                ready.add("mtcp proxy admin API on " + HostPort.of(admin.address()));
            }
            if (ready.isEmpty()) {
                throw CommandFailure.input(file.source() + ": no listener configured; add a forward, socks or "
                        + "transparent listener");
            }
            life.closeOnShutdown();
            ready.forEach(out::println);
            out.flush();
            life.awaitClosed();
        }
        return 0;
    }

    /** Metrics hooks, and the QoS monitor when a policy is given (its scheduler stops with the proxy). */
    private Consumer<MigratorySocket> onConnection(ProxyAdmin model, ServiceLifecycle life) {
        if (policy.isEmpty()) {
            return model::onConnection;
        }
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("mtcp-proxy-qos").factory());
        life.own(scheduler::shutdownNow);
        Policy qos = policy.get();
        return socket -> {
            model.onConnection(socket);
            QosMonitoredSockets.attach(socket, qos, InstantSource.system(), scheduler);
        };
    }

    private List<String> serviceNames() {
        return file.services().stream().map(ServiceConfig::name).toList();
    }

    private static InetSocketAddress address(dev.mtcp.client.config.HostPort hostPort) throws IOException {
        try {
            return new HostPort(hostPort.host(), hostPort.port()).resolve();
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage(), e);
        }
    }
}
