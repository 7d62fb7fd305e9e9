package dev.mtcp.harness.link;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The delayer's command language; no socket is touched for malformed commands. */
class NfqueueDelayerTest {
    private final NfqueueDelayer delayer = new NfqueueDelayer(null,
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), System::nanoTime,
            new SplittableRandom(1));

    @Test
    void shouldExplainTheExpectedFormWhenCommandIsUnknown() {
        assertThat(delayer.execute("delay 4 10"))
                .isEqualTo("error unknown command 'delay 4 10' (expected: set QUEUE DELAY_MICROS JITTER_MICROS)");
    }

    @Test
    void shouldNameTheBadNumberWhenNotNumeric() {
        assertThat(delayer.execute("set x 1 2")).isEqualTo("error bad number in 'set x 1 2'");
    }

    @Test
    void shouldRefuseNegativeDelayWhenGiven() {
        assertThat(delayer.execute("set 1 -5 0")).isEqualTo("error delay and jitter must not be negative");
    }
}
