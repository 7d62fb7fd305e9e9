package dev.mtcp.harness.link;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.mtcp.harness.testbed.Privileges;
import dev.mtcp.harness.testbed.Testbed;
import dev.mtcp.harness.testbed.TestbedConfig;
import dev.mtcp.harness.testbed.TestbedException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The delayer's own error paths, against the real kernel (root only). */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class NfqueueDelayerIT {
    private final Path logs = Path.of("target", "wan-it", "delayer");

    @Test
    void shouldSayWhoHoldsTheQueueWhenASecondDelayerBindsIt() {
        assumeTrue(Privileges.isRoot(), "skipped: NFQUEUE needs root (CAP_NET_ADMIN) in a network namespace");
        try (Testbed testbed = Testbed.create(TestbedConfig.withServers(1))) {
            DelayerProcess first = DelayerProcess.start(testbed, logs.resolve("first"));
            first.set(4, Duration.ofMillis(10), Duration.ZERO);
            DelayerProcess second = DelayerProcess.start(testbed, logs.resolve("second"));
            assertThatThrownBy(() -> second.set(4, Duration.ofMillis(10), Duration.ZERO))
                    .isInstanceOf(TestbedException.class)
                    .hasMessageContaining("refused queue 4")
                    .hasMessageContaining("another process holds the queue");
        }
    }
}
