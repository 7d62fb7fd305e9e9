package dev.mtcp.client.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The commented example shipped in {@code examples/client/} parses and means what its comments say. */
class ExampleConfigTest {

    private static final Path EXAMPLE = Path.of(System.getProperty("user.dir"))
            .resolveSibling("examples").resolve("client").resolve("mtcp-client.yaml");

    @Test
    void shouldParseShippedExampleWhenReadFromItsFile() throws Exception {
        assertThat(EXAMPLE).exists();
        ClientFileConfig c = new ClientConfigParser().parse(EXAMPLE);
        assertThat(c.services()).extracting(ServiceConfig::name).containsExactly("video", "files");
        assertThat(c.service("video").orElseThrow().servers()).extracting(ServerEntry::id).containsExactly("s1", "s2", "s3");
        assertThat(c.forward()).extracting(ForwardListener::service).containsExactly("video", "files");
        assertThat(c.socks().orElseThrow().listen()).isEqualTo(new HostPort("127.0.0.1", 1080));
        assertThat(c.socks().orElseThrow().users()).extracting(SocksUser::name).containsExactly("alice");
        assertThat(c.socks().orElseThrow().passthrough()).isFalse();
        assertThat(c.transparent().orElseThrow().installRedirect()).isFalse();
        assertThat(c.admin()).contains(new HostPort("127.0.0.1", 9090));
        assertThat(c.deadAfter()).isEqualTo(Duration.ofSeconds(3));
        assertThat(c.giveUpAfter()).isEqualTo(Duration.ofSeconds(10));
        assertThat(c.migrateTimeout()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void shouldAcceptPolicyLineWhenUncommentedAndFileExists() throws Exception {
        Path dir = Files.createTempDirectory("mtcp-example");
        try {
            Path client = Files.createDirectories(dir.resolve("client"));
            Path policies = Files.createDirectories(dir.resolve("policies"));
            Files.writeString(policies.resolve("video-streaming.yaml"), "# policy\n");
            String text = Files.readString(EXAMPLE).replace("# policy: ../policies/", "policy: ../policies/");
            Files.writeString(client.resolve("mtcp-client.yaml"), text);
            ClientFileConfig c = new ClientConfigParser().parse(client.resolve("mtcp-client.yaml"));
            assertThat(c.policy()).hasValueSatisfying(p -> assertThat(p.normalize())
                    .isEqualTo(policies.resolve("video-streaming.yaml")));
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
