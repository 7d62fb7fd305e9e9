package dev.mtcp.harness.testbed;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A star-shaped network of namespaces: {@code client} and {@code s1..sN}, each joined to a
 * {@code router} namespace by its own veth pair, with addresses from {@link AddressPlan}.
 *
 * <pre>
 *   client ──veth── router ──veth── s1
 *                     │ ╲────veth── s2
 *                     ╰─── ...  ─── sN
 * </pre>
 *
 * <p>The veths carry {@code gso_max_segs 1}, so every packet on the wire is one MTU-sized segment
 * and a drop, a delay or a token-bucket decision applies to one segment, as on a real link.
 * {@link #close()} stops every process started with {@link #start} and deletes every namespace,
 * also when called from the JVM shutdown hook after a crash of the caller.
 */
public final class Testbed implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Testbed.class);
    private static final String HOST_DEVICE = "mtcp-eth0";

    private final String runPrefix;
    private final CommandRunner runner;
    private final String routerNamespace;
    private final Map<String, Host> hosts = new LinkedHashMap<>();
    private final List<String> namespaces = new CopyOnWriteArrayList<>();
    private final List<Process> processes = new CopyOnWriteArrayList<>();
    private final Thread shutdownHook;
    private boolean closed;

    private Testbed(TestbedConfig config, CommandRunner runner) {
        this.runner = runner;
        this.runPrefix = NamespaceNames.runPrefix(ProcessHandle.current().pid(),
                HexFormat.of().toHexDigits((short) ThreadLocalRandom.current().nextInt()));
        this.routerNamespace = runPrefix + "router";
        this.shutdownHook = Thread.ofPlatform().unstarted(this::closeQuietly);
    }

    /**
     * Builds the testbed. Removes stale namespaces of crashed runs first. On any failure everything
     * built so far is torn down and the failure is rethrown.
     *
     * @throws TestbedException when not root, a tool is missing or a command fails
     */
    public static Testbed create(TestbedConfig config) {
        if (!Privileges.isRoot()) {
            throw new TestbedException("the WAN testbed needs root: it creates network namespaces, veth links,"
                    + " qdiscs and iptables rules (run as root, e.g. with sudo)");
        }
        CommandRunner runner = new CommandRunner(config.commandTimeout());
        new StaleNamespaceReaper(runner).reap();
        Testbed testbed = new Testbed(config, runner);
        Runtime.getRuntime().addShutdownHook(testbed.shutdownHook);
        try {
            testbed.build(config);
            return testbed;
        } catch (RuntimeException e) {
            try {
                testbed.close();
            } catch (RuntimeException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    private void build(TestbedConfig config) {
        addNamespace(routerNamespace);
        exec(routerNamespace, List.of("sh", "-c", "echo 1 > /proc/sys/net/ipv4/ip_forward"));
        addHost("client", 0);
        for (int i = 1; i <= config.servers(); i++) {
            addHost("s" + i, i);
        }
        LOG.info("testbed {} up: client, router, {} servers", runPrefix, config.servers());
    }

    private void addNamespace(String ns) {
        runner.check(List.of("ip", "netns", "add", ns));
        namespaces.add(ns);
        runner.check(List.of("ip", "-n", ns, "link", "set", "lo", "up"));
        exec(ns, List.of("sh", "-c", "echo 1 > /proc/sys/net/ipv6/conf/all/disable_ipv6"
                + " && echo 1 > /proc/sys/net/ipv6/conf/default/disable_ipv6"));
    }

    private void addHost(String name, int linkIndex) {
        String ns = runPrefix + name;
        Host host = new Host(name, ns, linkIndex, AddressPlan.hostAddress(linkIndex),
                AddressPlan.routerAddress(linkIndex), AddressPlan.subnet(linkIndex), HOST_DEVICE, "mtcp-" + name);
        addNamespace(ns);
        String r = routerNamespace;
        runner.check(List.of("ip", "-n", r, "link", "add", host.routerDevice(), "gso_max_segs", "1",
                "type", "veth", "peer", "name", HOST_DEVICE, "gso_max_segs", "1", "netns", ns));
        runner.check(List.of("ip", "-n", r, "addr", "add", host.gateway() + "/24", "dev", host.routerDevice()));
        runner.check(List.of("ip", "-n", ns, "addr", "add", host.address() + "/24", "dev", HOST_DEVICE));
        disableOffloads(r, host.routerDevice());
        disableOffloads(ns, HOST_DEVICE);
        runner.check(List.of("ip", "-n", r, "link", "set", host.routerDevice(), "up"));
        runner.check(List.of("ip", "-n", ns, "link", "set", HOST_DEVICE, "up"));
        runner.check(List.of("ip", "-n", ns, "route", "add", "default", "via", host.gateway()));
        hosts.put(name, host);
    }

    /** gso_max_segs 1 already splits segments; where ethtool exists, TSO/GSO/GRO go off as well. */
    private void disableOffloads(String ns, String device) {
        if (Privileges.onPath("ethtool").isPresent()) {
            exec(ns, List.of("ethtool", "-K", device, "tso", "off", "gso", "off", "gro", "off"));
        }
    }

    /** The prefix every namespace of this testbed starts with. */
    public String runPrefix() {
        return runPrefix;
    }

    /** The router's namespace: it forwards between all links and hosts the impairments. */
    public String routerNamespace() {
        return routerNamespace;
    }

    public Host client() {
        return host("client");
    }

    public List<Host> servers() {
        return hosts.values().stream().filter(h -> !h.name().equals("client")).toList();
    }

    /** The host named {@code client} or {@code sK}. */
    public Host host(String name) {
        Host host = hosts.get(name);
        if (host == null) {
            throw new IllegalArgumentException("no host named '" + name + "' in this testbed (hosts: "
                    + String.join(", ", hosts.keySet()) + ")");
        }
        return host;
    }

    /** Every end host: the client first, then s1..sN. */
    public List<Host> hosts() {
        return List.copyOf(hosts.values());
    }

    public CommandRunner runner() {
        return runner;
    }

    /** Runs a command inside namespace {@code ns} to completion and fails unless it exits with 0. */
    public CommandResult exec(String ns, List<String> command) {
        return runner.check(inNamespace(ns, command));
    }

    /** Runs a command inside namespace {@code ns} to completion, returning its result whatever the exit code. */
    public CommandResult run(String ns, List<String> command) {
        return runner.run(inNamespace(ns, command));
    }

    /**
     * Starts a long-running process inside namespace {@code ns}, stdout and stderr appended to
     * {@code log}. The testbed stops it on {@link #close()}.
     */
    public Process start(String ns, List<String> command, Path log) {
        List<String> full = inNamespace(ns, command);
        try {
            Files.createDirectories(log.toAbsolutePath().getParent());
            Process process = new ProcessBuilder(full).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            processes.add(process);
            LOG.debug("started pid {} in {}: {}", process.pid(), ns, String.join(" ", command));
            return process;
        } catch (IOException e) {
            throw new TestbedException("cannot start `" + String.join(" ", full) + "`: " + e.getMessage(), e);
        }
    }

    /** Starts a process inside {@code ns} whose stdin and stdout the caller talks to; stderr goes to {@code log}. */
    public Process startInteractive(String ns, List<String> command, Path log) {
        List<String> full = inNamespace(ns, command);
        try {
            Files.createDirectories(log.toAbsolutePath().getParent());
            Process process = new ProcessBuilder(full)
                    .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            processes.add(process);
            return process;
        } catch (IOException e) {
            throw new TestbedException("cannot start `" + String.join(" ", full) + "`: " + e.getMessage(), e);
        }
    }

    private List<String> inNamespace(String ns, List<String> command) {
        if (!namespaces.contains(ns)) {
            throw new IllegalArgumentException("namespace '" + ns + "' is not part of testbed " + runPrefix);
        }
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", ns));
        full.addAll(command);
        return full;
    }

    /** Stops every started process and deletes every namespace; safe to call more than once. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // the JVM is exiting and this very hook is running the teardown
        }
        stopProcesses();
        List<String> failures = new ArrayList<>();
        for (String ns : namespaces.reversed()) {
            CommandResult result = runner.run(List.of("ip", "netns", "del", ns));
            if (!result.succeeded() && !result.stderr().contains("No such file")) {
                failures.add(ns + ": " + result.stderr().strip());
            }
        }
        namespaces.clear();
        if (!failures.isEmpty()) {
            throw new TestbedException("could not delete namespaces " + failures);
        }
        LOG.info("testbed {} torn down", runPrefix);
    }

    private void stopProcesses() {
        for (Process p : processes) {
            p.descendants().forEach(ProcessHandle::destroy);
            p.destroy();
        }
        for (Process p : processes) {
            try {
                if (!p.waitFor(3, TimeUnit.SECONDS)) {
                    p.descendants().forEach(ProcessHandle::destroyForcibly);
                    p.destroyForcibly().waitFor(3, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                p.destroyForcibly();
            }
        }
        processes.clear();
    }

    private void closeQuietly() {
        try {
            close();
        } catch (RuntimeException e) {
            LOG.error("testbed {} teardown failed: {}", runPrefix, e.getMessage());
        }
    }
}
