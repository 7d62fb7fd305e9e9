package dev.mtcp.tools.commands;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mtcp.tools.CliRun;
import dev.mtcp.tools.ExitCodes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code mtcp proxy --config FILE}: the client-stack parser's errors reach the user as one line, exit 3. */
@Timeout(30)
class ProxyConfigTest {
    @TempDir
    Path dir;

    @Test
    void shouldNameFileLineAndFieldOfAConfigError() throws IOException {
        Path file = Files.writeString(dir.resolve("client.yaml"), """
                services:
                  - name: video
                    servers:
                      - {id: s1, host: 127.0.0.1, port: 99999}
                listeners:
                  forward:
                    - {listen: 127.0.0.1:8080, service: video}
                """);

        CliRun run = CliRun.of("proxy", "--config", file.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.INPUT);
        assertThat(run.err()).startsWith("mtcp proxy: " + file + ":4").contains("port");
        assertThat(run.err().lines()).hasSize(1);
    }

    @Test
    void shouldRefuseAMissingFileAndFlagsTogetherWithConfig() {
        CliRun missing = CliRun.of("proxy", "--config", dir.resolve("none.yaml").toString());
        CliRun both = CliRun.of("proxy", "--config", "c.yaml", "--server", "s1=127.0.0.1:7001");

        assertThat(missing.exitCode()).isEqualTo(ExitCodes.INPUT);
        assertThat(missing.err()).contains("none.yaml");
        assertThat(both.exitCode()).isEqualTo(ExitCodes.INPUT);
        assertThat(both.err()).contains("either --config FILE or --listen/--server");
    }

    @Test
    void shouldRefuseANonLoopbackAdminFromTheFile() throws IOException {
        Path file = Files.writeString(dir.resolve("client.yaml"), """
                services:
                  - name: video
                    servers:
                      - {id: s1, host: 127.0.0.1, port: 7001}
                listeners:
                  forward:
                    - {listen: 127.0.0.1:0, service: video}
                admin: 10.1.2.3:9000
                """);

        CliRun run = CliRun.of("proxy", "--config", file.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.INPUT);
        assertThat(run.err()).contains("not loopback");
    }
}
