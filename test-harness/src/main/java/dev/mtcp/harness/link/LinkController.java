package dev.mtcp.harness.link;

import dev.mtcp.harness.testbed.CommandResult;
import dev.mtcp.harness.testbed.Host;
import dev.mtcp.harness.testbed.Privileges;
import dev.mtcp.harness.testbed.Testbed;
import dev.mtcp.harness.testbed.TestbedException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The knobs of the testbed's links: per host link and direction a delay, jitter, loss and rate, and a
 * silent cut of the whole link. Picks netem where the kernel has it (probed once, on the router's
 * loopback) and the {@link EmulationKind#FALLBACK} otherwise; the same knobs give the same conditions.
 */
public final class LinkController {
    private static final Logger LOG = LoggerFactory.getLogger(LinkController.class);
    private static final String CUT_RULE_PREFERENCE = "100";

    private final Testbed testbed;
    private final EmulationKind kind;
    private final ImpairmentBackend backend;
    private final Map<String, Impairment> current = new ConcurrentHashMap<>();
    private final Set<String> cut = ConcurrentHashMap.newKeySet();

    private LinkController(Testbed testbed, EmulationKind kind, Path logDir) {
        this.testbed = testbed;
        this.kind = kind;
        this.backend = kind == EmulationKind.NETEM ? new NetemBackend(testbed) : new FallbackBackend(testbed, logDir);
    }

    /** Detects netem and controls the testbed's links with the best available kind; logs of helpers go to {@code logDir}. */
    public static LinkController create(Testbed testbed, Path logDir) {
        return create(testbed, logDir, detect(testbed));
    }

    /** Controls the links with the given kind (FALLBACK also works on kernels that have netem). */
    public static LinkController create(Testbed testbed, Path logDir, EmulationKind kind) {
        if (Privileges.onPath("tc").isEmpty()) {
            throw new TestbedException("`tc` is missing: install the iproute2 package");
        }
        if (kind == EmulationKind.FALLBACK && Privileges.onPath("iptables").isEmpty()) {
            throw new TestbedException("this kernel has no netem, and the fallback needs `iptables`: install the iptables package");
        }
        LOG.info("testbed {}: link emulation with {}", testbed.runPrefix(), kind);
        return new LinkController(testbed, kind, logDir);
    }

    /** Tries {@code tc qdisc add dev lo root netem delay 1ms} in the router namespace. */
    public static EmulationKind detect(Testbed testbed) {
        String ns = testbed.routerNamespace();
        CommandResult probe = testbed.run(ns, TcCommands.netemProbe());
        if (probe.succeeded()) {
            testbed.run(ns, TcCommands.clear("lo"));
            return EmulationKind.NETEM;
        }
        LOG.info("no netem in this kernel ({}); using tbf + iptables + NFQUEUE delayer", probe.stderr().strip());
        return EmulationKind.FALLBACK;
    }

    public EmulationKind kind() {
        return kind;
    }

    /** Sets one direction of a host's link. */
    public void apply(String hostName, Direction direction, Impairment impairment) {
        Host host = testbed.host(hostName);
        backend.apply(host, direction, impairment);
        current.put(key(hostName, direction), impairment);
        LOG.info("link {} {}: {}", hostName, direction, impairment);
    }

    /** Sets both directions of a host's link to the same conditions. */
    public void applyBoth(String hostName, Impairment impairment) {
        apply(hostName, Direction.TO_HOST, impairment);
        apply(hostName, Direction.FROM_HOST, impairment);
    }

    public Impairment current(String hostName, Direction direction) {
        testbed.host(hostName);
        return current.getOrDefault(key(hostName, direction), Impairment.NONE);
    }

    /**
     * Silently cuts the host's link: the router drops everything from and to the host without any
     * ICMP error or reset, as when a cable or a path dies. Idempotent.
     */
    public void cut(String hostName) {
        Host host = testbed.host(hostName);
        if (cut.add(hostName)) {
            for (List<String> rule : cutRules(host)) {
                testbed.exec(testbed.routerNamespace(), ipRule("add", rule));
            }
            LOG.info("link {} cut", hostName);
        }
    }

    /** Restores a cut link; the impairments set before the cut still hold. Idempotent. */
    public void restore(String hostName) {
        Host host = testbed.host(hostName);
        if (cut.remove(hostName)) {
            for (List<String> rule : cutRules(host)) {
                testbed.exec(testbed.routerNamespace(), ipRule("del", rule));
            }
            LOG.info("link {} restored", hostName);
        }
    }

    public boolean isCut(String hostName) {
        testbed.host(hostName);
        return cut.contains(hostName);
    }

    private static List<String> ipRule(String verb, List<String> rule) {
        List<String> command = new ArrayList<>(List.of("ip", "rule", verb));
        command.addAll(rule);
        return command;
    }

    private static List<List<String>> cutRules(Host host) {
        return List.of(
                List.of("iif", host.routerDevice(), "blackhole", "pref", CUT_RULE_PREFERENCE),
                List.of("to", host.subnet(), "blackhole", "pref", CUT_RULE_PREFERENCE));
    }

    private static String key(String hostName, Direction direction) {
        return hostName + "/" + direction;
    }
}
