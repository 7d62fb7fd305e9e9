package dev.mtcp.harness.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.mtcp.harness.link.Direction;
import dev.mtcp.harness.link.EmulationKind;
import dev.mtcp.harness.link.LinkController;
import dev.mtcp.harness.scenario.App;
import dev.mtcp.harness.scenario.LinkProfile;
import dev.mtcp.harness.scenario.PolicySource;
import dev.mtcp.harness.scenario.Scenario;
import dev.mtcp.harness.scenario.ServerSpec;
import dev.mtcp.harness.testbed.Host;
import dev.mtcp.harness.testbed.Testbed;
import dev.mtcp.harness.testbed.TestbedConfig;
import dev.mtcp.harness.workload.CurlWorkload;
import dev.mtcp.protocol.crypto.GroupKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A scenario's service, running: the testbed with its links set to the scenario's profiles, one
 * {@code mtcp server} per server namespace and the {@code mtcp proxy} (with the scenario's policy)
 * in the client namespace. Closing it stops every process and deletes the namespaces.
 */
public final class Deployment implements AutoCloseable {
    /** Port of the servers' carriers and peer traffic. */
    public static final int SERVER_PORT = 7000;
    /** Port of the proxy's plain TCP listener, on the client namespace's loopback. */
    public static final int PROXY_PORT = 8000;
    /** Port of every admin API, on its namespace's loopback. */
    public static final int ADMIN_PORT = 9000;
    private static final Logger LOG = LoggerFactory.getLogger(Deployment.class);
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(45);

    private final Scenario scenario;
    private final Testbed testbed;
    private final LinkController links;
    private final Map<String, Process> servers = new LinkedHashMap<>();
    private final AdminApi admin;
    private final Path workDir;
    private Process proxy;
    private Optional<String> servedSha256 = Optional.empty();

    private Deployment(Scenario scenario, Testbed testbed, LinkController links, Path workDir) {
        this.scenario = scenario;
        this.testbed = testbed;
        this.links = links;
        this.workDir = workDir;
        Map<String, String> namespaces = new LinkedHashMap<>();
        testbed.servers().forEach(h -> namespaces.put(h.name(), h.namespace()));
        this.admin = new AdminApi(testbed, namespaces, testbed.client().namespace(), ADMIN_PORT);
    }

    /**
     * Builds the testbed and starts the service. On failure everything started so far is torn down.
     *
     * @param emulation forces netem or the fallback; empty: detect
     * @param progress  one line per step, for the operator
     */
    public static Deployment start(Scenario scenario, JvmLauncher launcher, Path workDir,
            Optional<EmulationKind> emulation, Consumer<String> progress) throws IOException, InterruptedException {
        Files.createDirectories(workDir);
        Testbed testbed = Testbed.create(TestbedConfig.withServers(scenario.servers().size()));
        try {
            LinkController links = emulation.isPresent()
                    ? LinkController.create(testbed, workDir, emulation.get())
                    : LinkController.create(testbed, workDir);
            progress.accept("testbed " + testbed.runPrefix() + " up (" + links.kind().name().toLowerCase() + " link "
                    + "emulation)");
            Deployment d = new Deployment(scenario, testbed, links, workDir);
            d.applyProfiles();
            d.startServers(launcher, progress);
            d.startProxy(launcher, progress);
            return d;
        } catch (IOException | InterruptedException | RuntimeException e) {
            testbed.close();
            throw e;
        }
    }

    private void applyProfiles() {
        for (Host host : testbed.hosts()) {
            LinkProfile profile = scenario.link(host.name());
            if (!profile.equals(LinkProfile.NONE)) {
                for (Direction direction : Direction.values()) {
                    links.apply(host.name(), direction, profile.direction(direction));
                }
            }
        }
    }

    private void startServers(JvmLauncher launcher, Consumer<String> progress) throws IOException, InterruptedException {
        Path key = workDir.resolve("group.key");
        Files.deleteIfExists(key);
        GroupKey.generate().write(key);
        Optional<Path> root = Optional.empty();
        if (scenario.servers().stream().anyMatch(s -> s.app() == App.HTTP)) {
            root = Optional.of(workDir.resolve("www"));
            servedSha256 = Optional.of(CurlWorkload.writeServedFile(root.get(), scenario.workload().bytes()));
        }
        Map<String, Path> logs = new LinkedHashMap<>();
        for (ServerSpec spec : scenario.servers()) {
            Host host = testbed.host(spec.id());
            List<String> args = new ArrayList<>(List.of("server", "--id", spec.id(), "--listen",
                    host.address() + ":" + SERVER_PORT, "--group-key", key.toString(), "--app", spec.app().cliName(),
                    "--admin", "127.0.0.1:" + ADMIN_PORT));
            if (spec.app() == App.HTTP) {
                args.addAll(List.of("--root", root.orElseThrow().toString()));
            }
            for (ServerSpec peer : scenario.servers()) {
                if (!peer.id().equals(spec.id())) {
                    args.addAll(List.of("--peer", peer.id() + "=" + testbed.host(peer.id()).address() + ":" + SERVER_PORT));
                }
            }
            spec.backups().forEach(b -> args.addAll(List.of("--backup", b)));
            args.addAll(spec.extraArgs());
            Path log = workDir.resolve(spec.id() + ".log");
            Files.deleteIfExists(log);
            servers.put(spec.id(), testbed.start(host.namespace(), launcher.mtcp(args), log));
            logs.put(spec.id(), log);
        }
        for (Map.Entry<String, Path> e : logs.entrySet()) {
            ProcessReadiness.await("mtcp server " + e.getKey(), servers.get(e.getKey()), e.getValue(),
                    "listening on", READY_TIMEOUT);
            progress.accept("mtcp server " + e.getKey() + " running in " + testbed.host(e.getKey()).namespace());
        }
    }

    private void startProxy(JvmLauncher launcher, Consumer<String> progress) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of("proxy", "--listen", "127.0.0.1:" + PROXY_PORT,
                "--admin", "127.0.0.1:" + ADMIN_PORT));
        String first = scenario.workload().server();
        args.addAll(List.of("--server", first + "=" + testbed.host(first).address() + ":" + SERVER_PORT));
        for (ServerSpec spec : scenario.servers()) {
            if (!spec.id().equals(first)) {
                args.addAll(List.of("--server", spec.id() + "=" + testbed.host(spec.id()).address() + ":" + SERVER_PORT));
            }
        }
        Optional<Path> policy = policyFile();
        policy.ifPresent(p -> args.addAll(List.of("--policy", p.toString())));
        Path log = workDir.resolve("proxy.log");
        Files.deleteIfExists(log);
        proxy = testbed.start(testbed.client().namespace(), launcher.mtcp(args), log);
        ProcessReadiness.await("mtcp proxy", proxy, log, "admin API on", READY_TIMEOUT);
        progress.accept("mtcp proxy running in " + testbed.client().namespace() + policy.map(p -> " with policy " + p)
                .orElse(" without a policy"));
    }

    private Optional<Path> policyFile() throws IOException {
        if (scenario.policy().isEmpty()) {
            return Optional.empty();
        }
        return switch (scenario.policy().get()) {
            case PolicySource.File f -> Optional.of(f.path().toAbsolutePath());
            case PolicySource.Inline inline -> {
                Path file = workDir.resolve("policy.yaml");
                new ObjectMapper(new YAMLFactory()).writeValue(file.toFile(), inline.document());
                yield Optional.of(file);
            }
        };
    }

    public Scenario scenario() {
        return scenario;
    }

    public Testbed testbed() {
        return testbed;
    }

    public LinkController links() {
        return links;
    }

    public AdminApi admin() {
        return admin;
    }

    /** The running server processes by id. */
    public Map<String, Process> servers() {
        return Map.copyOf(servers);
    }

    /** Where plain TCP clients in the client namespace connect. */
    public String proxyAddress() {
        return "127.0.0.1:" + PROXY_PORT;
    }

    /** SHA-256 of the file the http servers serve, when they serve one. */
    public Optional<String> servedSha256() {
        return servedSha256;
    }

    public Path workDir() {
        return workDir;
    }

    /** The faults the timeline performs on this deployment. */
    public TestbedFaults faults() {
        return new TestbedFaults(links, scenario::link, servers, testbed.runner(), admin);
    }

    @Override
    public void close() {
        LOG.info("tearing down {}", testbed.runPrefix());
        testbed.close();
    }
}
