package dev.mtcp.qos.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every policy shipped in examples/policies/ parses, and its normalized form parses back equal. */
@Timeout(10)
class ShippedExamplesTest {
    private static final Path EXAMPLES = Path.of("..", "examples", "policies");

    static Stream<Path> examples() throws IOException {
        try (Stream<Path> files = Files.list(EXAMPLES)) {
            return files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList().stream();
        }
    }

    @Test
    void shouldShipTheThreeDocumentedExamplesWhenListed() throws IOException {
        assertThat(examples().map(p -> p.getFileName().toString()).toList())
                .containsAll(List.of("bulk-download.yaml", "interactive.yaml", "video-streaming.yaml"));
    }

    @ParameterizedTest
    @MethodSource("examples")
    void shouldParseWhenExampleIsShipped(Path example) throws Exception {
        Policy p = PolicyParser.parse(example);
        assertThat(p.triggers()).as("an example policy should migrate on something").isPresent();
        assertThat(PolicyParser.parse(PolicyPrinter.toYaml(p), "normalized")).isEqualTo(p);
        assertThat(Files.readString(example)).as("examples are commented").contains("# ");
    }
}
