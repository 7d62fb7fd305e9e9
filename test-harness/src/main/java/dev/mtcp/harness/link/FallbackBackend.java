package dev.mtcp.harness.link;

import dev.mtcp.harness.testbed.Host;
import dev.mtcp.harness.testbed.Testbed;
import dev.mtcp.harness.testbed.TestbedException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Impairments without netem: a token bucket on the egress device for the rate, and in the router's
 * FORWARD chain iptables {@code statistic} drops for loss and NFQUEUE to the {@link NfqueueDelayer}
 * for delay and jitter. The delayer is started on first need and stopped with the testbed.
 */
final class FallbackBackend implements ImpairmentBackend {
    private final Testbed testbed;
    private final Path logDir;
    private final Set<String> chainsReady = new HashSet<>();
    private DelayerProcess delayer;

    FallbackBackend(Testbed testbed, Path logDir) {
        this.testbed = testbed;
        this.logDir = logDir;
    }

    @Override
    public synchronized void apply(Host host, Direction direction, Impairment impairment) {
        EgressDevice egress = EgressDevice.of(testbed, host, direction);
        testbed.run(egress.namespace(), TcCommands.clear(egress.device()));
        if (impairment.limitsRate()) {
            testbed.exec(egress.namespace(), TcCommands.rootTbf(egress.device(), impairment.rateBitsPerSecond()));
        }
        if (impairment.delays()) {
            delayer().set(IptablesCommands.queueNumber(host.linkIndex(), direction), impairment.delay(),
                    impairment.jitter());
        }
        String chainKey = host.name() + "/" + direction;
        if (chainsReady.add(chainKey)) {
            iptables(IptablesCommands.setup(host.name(), host.routerDevice(), direction));
        }
        iptables(IptablesCommands.apply(host.name(), host.linkIndex(), direction, impairment));
    }

    private DelayerProcess delayer() {
        if (delayer == null || !delayer.isAlive()) {
            delayer = DelayerProcess.start(testbed, logDir);
        }
        return delayer;
    }

    private void iptables(List<List<String>> commands) {
        for (List<String> command : commands) {
            try {
                testbed.exec(testbed.routerNamespace(), command);
            } catch (TestbedException e) {
                throw new TestbedException(explain(command, e.getMessage()), e);
            }
        }
    }

    private static String explain(List<String> command, String failure) {
        if (command.contains("NFQUEUE")) {
            return "the iptables NFQUEUE target is not available (needs xt_NFQUEUE/nft_compat in the kernel and"
                    + " the iptables package); delay and jitter cannot be emulated without netem: " + failure;
        }
        if (command.contains("statistic")) {
            return "the iptables statistic match is not available (needs xt_statistic); loss cannot be emulated"
                    + " without netem: " + failure;
        }
        return failure;
    }
}
