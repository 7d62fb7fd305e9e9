package dev.mtcp.harness.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.mtcp.qos.policy.PolicyParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every scenario shipped in examples/scenarios parses and says what it expects. */
class ShippedScenariosTest {
    private static final Path DIR = Path.of("..", "examples", "scenarios");

    static List<Path> scenarios() throws IOException {
        try (Stream<Path> files = Files.list(DIR)) {
            return files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
    }

    @ParameterizedTest
    @MethodSource("scenarios")
    void shouldParseWhenShipped(Path file) {
        Scenario scenario = ScenarioParser.parse(file);
        assertThat(file.getFileName().toString()).isEqualTo(scenario.name() + ".yaml");
        assertThat(scenario.expect().streamIntact()).as("every shipped scenario checks the stream").contains(true);
        assertThat(scenario.description()).isNotBlank();
    }

    @ParameterizedTest
    @MethodSource("scenarios")
    void shouldCarryAPolicyTheQosParserAcceptsWhenShipped(Path file) throws Exception {
        Scenario scenario = ScenarioParser.parse(file);
        if (scenario.policy().orElse(null) instanceof PolicySource.Inline inline) {
            String yaml = new YAMLMapper().writeValueAsString(inline.document());
            assertThat(PolicyParser.parse(yaml, file + " (policy)")).isNotNull();
        } else if (scenario.policy().orElse(null) instanceof PolicySource.File policyFile) {
            assertThat(PolicyParser.parse(policyFile.path())).isNotNull();
        }
    }

    @org.junit.jupiter.api.Test
    void shouldShipTheSixScenariosOfTheIssue() throws IOException {
        assertThat(scenarios()).extracting(p -> p.getFileName().toString()).contains(
                "qos-degrade-migration.yaml", "crash-failover-lossy.yaml", "flapping-link.yaml",
                "overload-drain-hints.yaml", "mass-drain.yaml", "silent-cut.yaml");
    }
}
