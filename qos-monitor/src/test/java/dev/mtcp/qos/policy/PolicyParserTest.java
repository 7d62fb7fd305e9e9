package dev.mtcp.qos.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@Timeout(10)
class PolicyParserTest {

    private static final String FULL = """
            version: 1
            observer: tcp_info
            triggers:
              any:
                - goodput_below: 1mbit
                  for: 2s
                - rtt_above: 300ms
                  for: 5s
                - all:
                    - retrans_rate_above: 1%
                      for: 3s
                    - server_load_above: 80%
                      for: 3s
                - stall_longer_than: 2s
                  for: 0s
            cooldown: 30s
            max_migrations_per_minute: 2
            min_connection_age: 5s
            target:
              select: probe
              min_improvement: 20%
            on_server_hint: ignore
            """;

    private static Policy parse(String yaml) throws PolicyException {
        return PolicyParser.parse(yaml, "policy.yaml");
    }

    @Test
    void shouldBuildNestedTriggersWhenPolicyIsValid() throws PolicyException {
        Policy p = parse(FULL);
        assertThat(p.triggers()).contains(new Trigger.AnyOf(List.of(
                new Trigger.GoodputBelow(new Rate(1_000_000), Trigger.Direction.DOWN, Trigger.Estimate.WINDOW,
                        Duration.ofSeconds(2)),
                new Trigger.RttAbove(Duration.ofMillis(300), Duration.ofSeconds(5)),
                new Trigger.AllOf(List.of(new Trigger.RetransRateAbove(0.01, Duration.ofSeconds(3)),
                        new Trigger.ServerLoadAbove(0.8, Duration.ofSeconds(3)))),
                new Trigger.StallLongerThan(Duration.ofSeconds(2), Duration.ZERO))));
        assertThat(p.cooldown()).isEqualTo(Duration.ofSeconds(30));
        assertThat(p.maxMigrationsPerMinute()).isEqualTo(2);
        assertThat(p.minConnectionAge()).isEqualTo(Duration.ofSeconds(5));
        assertThat(p.target().strategy()).isEqualTo(TargetSelection.Strategy.PROBE);
        assertThat(p.target().minImprovement()).isEqualTo(0.2);
        assertThat(p.onServerHint()).isEqualTo(Policy.HintAction.IGNORE);
        assertThat(p.observer().kind()).isEqualTo(ObserverSettings.Kind.TCP_INFO);
    }

    @Test
    void shouldFillDefaultsWhenFieldsAreOmitted() throws PolicyException {
        Policy p = parse("triggers:\n  rtt_above: 200ms\n  for: 1s\n");
        assertThat(p).isEqualTo(new Policy(p.triggers(), Policy.DEFAULT_COOLDOWN, Policy.DEFAULT_MAX_PER_MINUTE,
                Policy.DEFAULT_MIN_AGE, Policy.DEFAULT_REVISIT_AFTER, TargetSelection.DEFAULTS,
                Policy.HintAction.MIGRATE, ObserverSettings.DEFAULTS, dev.mtcp.qos.metrics.MetricsSettings.DEFAULTS,
                Policy.DEFAULT_SAMPLE_EVERY));
        assertThat(p.triggers()).contains(new Trigger.RttAbove(Duration.ofMillis(200), Duration.ofSeconds(1)));
    }

    @Test
    void shouldReadShorthandsWhenTargetObserverAndTriggerListAreShort() throws PolicyException {
        Policy p = parse("""
                triggers:
                  - rtt_above: 1s
                    for: 1s
                target: least_load
                observer: none
                """);
        assertThat(p.triggers()).containsInstanceOf(Trigger.AnyOf.class);
        assertThat(p.target().strategy()).isEqualTo(TargetSelection.Strategy.LEAST_LOAD);
        assertThat(p.observer().kind()).isEqualTo(ObserverSettings.Kind.NONE);
    }

    @Test
    void shouldImplyPreferStrategyWhenPreferListGiven() throws PolicyException {
        Policy p = parse("target:\n  prefer: [s3, s2]\n");
        assertThat(p.target().strategy()).isEqualTo(TargetSelection.Strategy.PREFER);
        assertThat(p.target().prefer()).containsExactly("s3", "s2");
    }

    @Test
    void shouldReadPcapObserverAndGoodputOptionsWhenGiven() throws PolicyException {
        Policy p = parse("""
                observer:
                  type: pcap
                  interface: lo
                triggers:
                  goodput_below: 100KiB/s
                  direction: up
                  estimate: ewma
                  for: 1m
                metrics:
                  window: 5s
                  half_life: 2s
                  sample_every: 1s
                """);
        assertThat(p.observer()).isEqualTo(new ObserverSettings(ObserverSettings.Kind.PCAP, "lo"));
        assertThat(p.triggers()).contains(new Trigger.GoodputBelow(new Rate(819_200), Trigger.Direction.UP,
                Trigger.Estimate.EWMA, Duration.ofMinutes(1)));
        assertThat(p.metrics().window()).isEqualTo(Duration.ofSeconds(5));
        assertThat(p.sampleEvery()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void shouldParseNormalizedYamlToEqualPolicyWhenPrinted() throws PolicyException {
        Policy p = parse(FULL);
        String yaml = PolicyPrinter.toYaml(p);
        assertThat(PolicyParser.parse(yaml, "normalized.yaml")).isEqualTo(p);
        assertThat(yaml).contains("goodput_below: 1mbit", "retrans_rate_above: 1%", "cooldown: 30s");
        assertThat(PolicyPrinter.describe(p)).contains("downstream goodput (window) below 1mbit for 2s",
                "ignore server migrate hints");
    }

    @Test
    void shouldNameFileLineAndFieldWhenNestedDurationIsBad() {
        String yaml = FULL.replace("for: 5s", "for: 5x");
        assertThatThrownBy(() -> parse(yaml)).isInstanceOf(PolicyException.class).hasMessage(
                "policy.yaml:8: triggers.any[1].for: \"5x\" is not a duration (use e.g. 300ms, 5s, 1m)");
    }

    @Test
    void shouldExposeLocationPartsWhenPolicyIsBad() {
        PolicyException e = catchPolicy("cooldown: soon\n");
        assertThat(e.source()).isEqualTo("policy.yaml");
        assertThat(e.line()).isEqualTo(1);
        assertThat(e.field()).isEqualTo("cooldown");
        assertThat(e.problem()).isEqualTo("\"soon\" is not a duration (use e.g. 300ms, 5s, 1m)");
    }

    /** Every class of malformed policy, with its exact message. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            unknown top-level key with suggestion | cooldwon: 5s | policy.yaml:1: cooldwon: unknown key (did you mean "cooldown"?) (allowed here: version, triggers, cooldown, max_migrations_per_minute, min_connection_age, revisit_after, target, on_server_hint, observer, metrics)
            unknown key in a trigger | triggers:\\n  rtt_above: 1s\\n  for: 1s\\n  fro: 2s | policy.yaml:4: triggers.fro: unknown key (did you mean "for"?) (allowed here: rtt_above, for)
            misspelt trigger name | triggers:\\n  any:\\n    - rtt_abvoe: 1s\\n      for: 1s | policy.yaml:3: triggers.any[0].rtt_abvoe: unknown key (did you mean "rtt_above"?) (allowed here: goodput_below, rtt_above, retrans_rate_above, stall_longer_than, server_load_above, any, all, for)
            missing for | triggers:\\n  any:\\n    - rtt_above: 1s | policy.yaml:3: triggers.any[0].for: missing: every trigger needs a for: duration (e.g. for: 2s; for: 0s fires at once)
            two triggers in one item | triggers:\\n  rtt_above: 1s\\n  goodput_below: 1mbit\\n  for: 1s | policy.yaml:3: triggers.goodput_below: one trigger per mapping: rtt_above and goodput_below are both here; put each in its own item under any: or all:
            bad rate | triggers:\\n  goodput_below: fast\\n  for: 1s | policy.yaml:2: triggers.goodput_below: "fast" is not a rate (use e.g. 2mbit, 500kbit, 1.5MB/s, 100KiB/s)
            ambiguous rate | triggers:\\n  goodput_below: 2mbps\\n  for: 1s | policy.yaml:2: triggers.goodput_below: "2mbps" is ambiguous (bits or bytes?): write 2mbit for bits/s or 2MB/s for bytes/s
            percent without sign | triggers:\\n  retrans_rate_above: 0.01\\n  for: 1s | policy.yaml:2: triggers.retrans_rate_above: "0.01" is not a percentage (use e.g. 1%, 0.5%, 20%)
            percent of 100 or more | triggers:\\n  server_load_above: 120%\\n  for: 1s | policy.yaml:2: triggers.server_load_above: must be below 100% (a rate cannot exceed 100%)
            zero rtt threshold | triggers:\\n  rtt_above: 0s\\n  for: 1s | policy.yaml:2: triggers.rtt_above: must be more than 0s
            any is not a list | triggers:\\n  any:\\n    rtt_above: 1s | policy.yaml:3: triggers.any: expected a list of triggers, got a mapping
            empty any | triggers:\\n  all: [] | policy.yaml:2: triggers.all: the list of triggers must not be empty
            key next to any | triggers:\\n  any: []\\n  for: 1s | policy.yaml:3: triggers.for: cannot stand next to any: in one mapping; make it an item of the any: list
            trigger is a scalar | triggers: fast | policy.yaml:1: triggers: expected a trigger (e.g. goodput_below: 1mbit with for: 2s) or any:/all:, got the value "fast"
            duplicate key | cooldown: 5s\\ncooldown: 6s | policy.yaml:2: cooldown: duplicate key (first given on line 1)
            bad enum value | on_server_hint: maybe | policy.yaml:1: on_server_hint: "maybe" is not one of migrate, ignore
            integer out of range | max_migrations_per_minute: -1 | policy.yaml:1: max_migrations_per_minute: -1 is out of range (0..600)
            integer not a number | max_migrations_per_minute: lots | policy.yaml:1: max_migrations_per_minute: "lots" is not a whole number
            empty value | cooldown: | policy.yaml:1: cooldown: expected a value, got an empty value
            mapping where a value belongs | cooldown:\\n  s: 5 | policy.yaml:2: cooldown: expected a value, got a mapping
            unsupported version | version: 2 | policy.yaml:1: version: policy version 2 is not supported (this mtcp reads version 1)
            prefer shorthand without list | target: prefer | policy.yaml:1: target: prefer needs a list of server ids: write target: {prefer: [s2, s3]}
            prefer with another strategy | target:\\n  select: probe\\n  prefer: [s2] | policy.yaml:3: target.prefer: only used with select: prefer (select is probe)
            select prefer without list | target:\\n  select: prefer | policy.yaml:2: target.prefer: missing: select: prefer needs a prefer: [ids] list
            prefer not a list | target:\\n  prefer: s2 | policy.yaml:2: target.prefer: expected a list like [s2, s3], got the value "s2"
            prefer lists an id twice | target:\\n  prefer: [s2, s2] | policy.yaml:2: target.prefer[1]: "s2" is listed twice
            interface without pcap | observer:\\n  type: tcp_info\\n  interface: lo | policy.yaml:3: observer.interface: only used with type: pcap
            unknown observer | observer: wireshark | policy.yaml:1: observer: "wireshark" is not one of tcp_info, pcap, none
            zero window | metrics:\\n  window: 0s | policy.yaml:2: metrics.window: must be more than 0s
            document is a list | - a\\n- b | policy.yaml:1: expected a mapping with keys version, triggers, cooldown, max_migrations_per_minute, min_connection_age, revisit_after, target, on_server_hint, observer, metrics, got a list
            empty document | '' | policy.yaml:1: the policy is empty (see examples/policies/ for complete policies)
            not YAML | 'triggers: [a, b\\ncooldown: 1s' | policy.yaml:2: not valid YAML: while parsing a flow sequence
            """)
    void shouldGivePreciseErrorWhenPolicyIsMalformed(String what, String yaml, String message) {
        assertThat(catchPolicy(yaml.replace("\\n", "\n")).getMessage()).as(what).isEqualTo(message);
    }

    @Test
    void shouldNameFileWhenItDoesNotExist(@TempDir Path dir) {
        Path missing = dir.resolve("nope.yaml");
        assertThatThrownBy(() -> PolicyParser.parse(missing)).hasMessage(missing + ": no such file");
    }

    @Test
    void shouldReportPathAsGivenWhenFileIsBad(@TempDir Path dir) throws Exception {
        Path f = Files.writeString(dir.resolve("p.yaml"), "# comment\n\ncooldown: 5x\n");
        assertThatThrownBy(() -> PolicyParser.parse(f)).hasMessage(
                f + ":3: cooldown: \"5x\" is not a duration (use e.g. 300ms, 5s, 1m)");
    }

    private static PolicyException catchPolicy(String yaml) {
        try {
            parse(yaml);
        } catch (PolicyException e) {
            return e;
        }
        throw new AssertionError("expected a PolicyException for:\n" + yaml);
    }
}
