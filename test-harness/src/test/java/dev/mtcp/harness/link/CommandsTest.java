package dev.mtcp.harness.link;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The exact tc and iptables lines both emulation kinds run for the same knobs. */
class CommandsTest {
    private static final Impairment WAN = new Impairment(Duration.ofMillis(25), Duration.ofMillis(5), 2.0, 10_000_000);

    @Test
    void shouldPutTbfUnderNetemWhenAllKnobsSet() {
        assertThat(TcCommands.netem("mtcp-s1", WAN)).containsExactly(
                List.of("tc", "qdisc", "add", "dev", "mtcp-s1", "root", "handle", "1:", "netem", "limit", "100000",
                        "delay", "25000us", "5000us", "loss", "random", "2.0%"),
                List.of("tc", "qdisc", "add", "dev", "mtcp-s1", "parent", "1:1", "handle", "10:", "tbf",
                        "rate", "10000000bit", "burst", "12500", "latency", "50ms"));
    }

    @Test
    void shouldUseOnlyTbfWhenOnlyRateSet() {
        assertThat(TcCommands.netem("d", Impairment.NONE.withRateBitsPerSecond(500_000)))
                .containsExactly(TcCommands.rootTbf("d", 500_000));
        assertThat(TcCommands.burstBytes(500_000)).as("at least four full frames").isEqualTo(6056);
        assertThat(TcCommands.netem("d", Impairment.NONE)).isEmpty();
    }

    @Test
    void shouldDropBeforeQueueingWhenLossAndDelaySet() {
        assertThat(IptablesCommands.apply("s1", 1, Direction.TO_HOST, WAN)).containsExactly(
                List.of("iptables", "-w", "10", "-F", "MTCP-s1-to"),
                List.of("iptables", "-w", "10", "-A", "MTCP-s1-to", "-m", "statistic", "--mode", "random",
                        "--probability", "0.020000", "-j", "DROP"),
                List.of("iptables", "-w", "10", "-A", "MTCP-s1-to", "-j", "NFQUEUE", "--queue-num", "2"));
    }

    @Test
    void shouldMatchDirectionByDeviceWhenSettingUpChains() {
        assertThat(IptablesCommands.setup("s2", "mtcp-s2", Direction.FROM_HOST)).containsExactly(
                List.of("iptables", "-w", "10", "-N", "MTCP-s2-from"),
                List.of("iptables", "-w", "10", "-A", "FORWARD", "-i", "mtcp-s2", "-j", "MTCP-s2-from"));
        assertThat(IptablesCommands.queueNumber(2, Direction.FROM_HOST)).isEqualTo(5);
    }

    @Test
    void shouldOnlyFlushWhenImpairmentIsNone() {
        assertThat(IptablesCommands.apply("client", 0, Direction.FROM_HOST, Impairment.NONE))
                .containsExactly(List.of("iptables", "-w", "10", "-F", "MTCP-client-from"));
    }
}
