package dev.mtcp.qos.policy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@Timeout(10)
class PolicyPrinterTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            target: probe                     | probing the alternates (timeout 2s)
            target: least_load                | the lowest reported load
            target: round_robin               | round robin over the alternates
            'target:\\n  prefer: [b, a]'      | preference order b, a
            observer: none                    | no observer (session PING/PONG only)
            'observer:\\n  type: pcap'        | pcap on interface any (needs root or CAP_NET_RAW)
            on_server_hint: ignore            | ignore server migrate hints
            'triggers:\\n  rtt_above: 1s\\n  for: 1s' | migrate when RTT above 1s for 1s
            """)
    void shouldDescribeEveryChoiceWhenPrinted(String yaml, String phrase) throws PolicyException {
        Policy p = PolicyParser.parse(yaml.replace("\\n", "\n"), "p.yaml");
        assertThat(PolicyPrinter.describe(p)).contains(phrase);
        assertThat(PolicyParser.parse(PolicyPrinter.toYaml(p), "normalized.yaml")).isEqualTo(p);
    }

    @Test
    void shouldSayNeverWhenPolicyHasNoTriggers() {
        assertThat(PolicyPrinter.describe(Policy.hintsOnly())).startsWith("migrate when never on measurements");
    }

    @Test
    void shouldQuoteIdsWhenTheyNeedIt() throws PolicyException {
        Policy p = PolicyParser.parse("target:\n  prefer: [\"s: 1\", 'b\"q']\n", "p.yaml");
        assertThat(PolicyParser.parse(PolicyPrinter.toYaml(p), "normalized.yaml").target().prefer())
                .containsExactly("s: 1", "b\"q");
    }
}
