package dev.mtcp.tools.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mtcp.tools.CliRun;
import dev.mtcp.tools.CommandFailure;
import dev.mtcp.tools.ExitCodes;
import dev.mtcp.tools.cli.HostPort;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(30)
class ClientConfigFileTest {
    @TempDir
    Path dir;

    private Path write(String yaml) throws IOException {
        return Files.writeString(dir.resolve("client.yaml"), yaml);
    }

    @Test
    void shouldReadServicesListenersPolicyAndAdmin() throws IOException {
        Files.writeString(dir.resolve("policy.yaml"), "rules: []\n");
        Path file = write("""
                services:
                  video:
                    servers: [s1=127.0.0.1:7001, s2=127.0.0.1:7002]
                  web:
                    servers: [w1=127.0.0.1:7101]
                listeners:
                  - forward: 127.0.0.1:8080
                    service: video
                  - socks: 127.0.0.1:1080
                    users: {alice: secret}
                    passthrough: true
                  - transparent: 127.0.0.1:12345
                    installRedirect: true
                policy: policy.yaml
                admin: 127.0.0.1:9000
                """);

        ClientConfigFile.ClientSettings settings = ClientConfigFile.read(file);

        assertThat(settings.services()).containsOnlyKeys("video", "web");
        assertThat(settings.services().get("video").servers()).extracting(s -> s.id()).containsExactly("s1", "s2");
        assertThat(settings.listeners()).containsExactly(
                new ListenerSpec.Forward(new HostPort("127.0.0.1", 8080), "video"),
                new ListenerSpec.Socks(new HostPort("127.0.0.1", 1080), Map.of("alice", "secret"), true),
                new ListenerSpec.Transparent(new HostPort("127.0.0.1", 12345), true));
        assertThat(settings.listeners().get(1).toString()).doesNotContain("secret");
        assertThat(settings.policy()).hasValue(dir.resolve("policy.yaml").toAbsolutePath());
        assertThat(settings.admin()).hasValue(new HostPort("127.0.0.1", 9000));
    }

    @Test
    void shouldDefaultAForwardListenerToTheOnlyService() throws IOException {
        Path file = write("services:\n  video:\n    servers: [s1=127.0.0.1:7001]\nlisteners:\n  - forward: 127.0.0.1:0\n");

        assertThat(ClientConfigFile.read(file).listeners())
                .containsExactly(new ListenerSpec.Forward(new HostPort("127.0.0.1", 0), "video"));
    }

    @Test
    void shouldNameFileLineAndFieldOfAnUnknownField() throws IOException {
        Path file = write("services:\n  video:\n    servers: [s1=127.0.0.1:7001]\n    weight: 3\nlisteners: []\n");

        assertThatThrownBy(() -> ClientConfigFile.read(file)).isInstanceOf(CommandFailure.class)
                .hasMessageStartingWith(file + ":4: services.video.weight: unknown field 'weight'")
                .hasMessageContaining("known fields: servers");
    }

    @Test
    void shouldNameTheLineOfAMalformedServer() throws IOException {
        Path file = write("services:\n  video:\n    servers:\n      - s1=127.0.0.1:7001\n      - s2@127.0.0.1\n"
                + "listeners:\n  - forward: 127.0.0.1:8080\n");

        assertThatThrownBy(() -> ClientConfigFile.read(file))
                .hasMessageContaining(file + ":")
                .hasMessageContaining("services.video")
                .hasMessageContaining("expected ID=HOST:PORT such as s1=127.0.0.1:7001, got 's2@127.0.0.1'");
    }

    @Test
    void shouldExplainListenerMistakes() throws IOException {
        String services = "services:\n  a:\n    servers: [s1=127.0.0.1:7001]\n  b:\n    servers: [s2=127.0.0.1:7002]\n";
        assertThatThrownBy(() -> ClientConfigFile.read(write(services + "listeners:\n  - forward: 127.0.0.1:1\n    socks: 127.0.0.1:2\n")))
                .hasMessageContaining("listeners[0]").hasMessageContaining("exactly one of 'forward");
        assertThatThrownBy(() -> ClientConfigFile.read(write(services + "listeners:\n  - forward: 127.0.0.1:1\n")))
                .hasMessageContaining("listeners[0]: a forward listener needs 'service:' (one of [a, b])");
        assertThatThrownBy(() -> ClientConfigFile.read(write(services + "listeners:\n  - forward: 127.0.0.1:1\n    service: c\n")))
                .hasMessageContaining("listeners[0].service: unknown service 'c'; services: [a, b]");
        assertThatThrownBy(() -> ClientConfigFile.read(write(services + "listeners:\n  - socks: 127.0.0.1:1\n    installRedirect: true\n")))
                .hasMessageContaining("'installRedirect' applies to transparent listeners only");
        assertThatThrownBy(() -> ClientConfigFile.read(write(services + "listeners:\n  - socks: nowhere\n")))
                .hasMessageContaining("expected HOST:PORT");
    }

    @Test
    void shouldRequireServicesAndListenersAndALoopbackAdmin() throws IOException {
        assertThatThrownBy(() -> ClientConfigFile.read(write("listeners:\n  - forward: 127.0.0.1:1\n")))
                .hasMessageContaining("'services' is missing or empty");
        assertThatThrownBy(() -> ClientConfigFile.read(write("services:\n  a:\n    servers: [s1=127.0.0.1:7001]\n")))
                .hasMessageContaining("'listeners' is missing or empty");
        assertThatThrownBy(() -> ClientConfigFile.read(write(
                "services:\n  a:\n    servers: [s1=127.0.0.1:7001]\nlisteners:\n  - forward: 127.0.0.1:1\nadmin: 10.1.2.3:9000\n")))
                .hasMessageContaining("not a loopback address");
        assertThatThrownBy(() -> ClientConfigFile.read(write("services: [a]\n")))
                .hasMessageContaining(":1: services: expected a mapping (name: value lines) here");
        assertThatThrownBy(() -> ClientConfigFile.read(write("services:\n  a: \"unterminated\n")))
                .hasMessageContaining("not valid YAML");
        assertThatThrownBy(() -> ClientConfigFile.read(write(""))).hasMessageContaining("the file is empty");
    }

    @Test
    void shouldReportConfigErrorsThroughTheProxyCommand() throws IOException {
        Path file = write("services:\n  a:\n    servers: [s1=127.0.0.1:7001]\nlisteners:\n  - forward: 127.0.0.1:1\n    servic: a\n");

        CliRun run = CliRun.of("proxy", "--config", file.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.INPUT);
        assertThat(run.err()).startsWith("mtcp proxy: " + file + ":6: listeners[0].servic: unknown field 'servic'");
        assertThat(run.err().lines()).hasSize(1);
        assertThat(CliRun.of("proxy", "--config", dir.resolve("none.yaml").toString()).err()).contains("does not exist");
    }
}
