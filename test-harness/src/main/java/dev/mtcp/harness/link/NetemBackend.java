package dev.mtcp.harness.link;

import dev.mtcp.harness.testbed.Host;
import dev.mtcp.harness.testbed.Testbed;
import java.util.List;

/** Impairments with {@code tc netem} (delay, jitter, loss) and a child token bucket (rate) on the egress device. */
final class NetemBackend implements ImpairmentBackend {
    private final Testbed testbed;

    NetemBackend(Testbed testbed) {
        this.testbed = testbed;
    }

    @Override
    public void apply(Host host, Direction direction, Impairment impairment) {
        EgressDevice egress = EgressDevice.of(testbed, host, direction);
        testbed.run(egress.namespace(), TcCommands.clear(egress.device()));
        for (List<String> command : TcCommands.netem(egress.device(), impairment)) {
            testbed.exec(egress.namespace(), command);
        }
    }
}
