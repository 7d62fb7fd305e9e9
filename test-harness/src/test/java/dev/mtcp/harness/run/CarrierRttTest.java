package dev.mtcp.harness.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class CarrierRttTest {
    @Test
    void shouldReadTheRttOfCarriersToKnownServersOnly() {
        String ss = """
                0      0          198.18.0.2:44344      198.18.1.2:7000
                \t cubic wscale:7,7 rto:252 rtt:51.2/3.4 ato:40 mss:1448 cwnd:10 bytes_acked:100
                0      0          127.0.0.1:8000        127.0.0.1:47258
                \t cubic wscale:7,7 rto:201 rtt:0.05/0.02 mss:65483
                0      0          198.18.0.2:44350      198.18.2.2:7000
                \t cubic rto:204 rtt:20.9/1.1 mss:1448
                """;

        assertThat(CarrierRtt.parse(ss, Map.of("198.18.1.2:7000", "s1", "198.18.2.2:7000", "s2")))
                .containsExactly(new CarrierRtt("s1", 44344, 51.2), new CarrierRtt("s2", 44350, 20.9));
    }

    @Test
    void shouldReturnNothingWhenThereAreNoSockets() {
        assertThat(CarrierRtt.parse("", Map.of("198.18.1.2:7000", "s1"))).isEmpty();
    }
}
