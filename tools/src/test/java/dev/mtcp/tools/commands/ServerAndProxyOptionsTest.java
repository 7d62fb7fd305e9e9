package dev.mtcp.tools.commands;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mtcp.tools.CliRun;
import dev.mtcp.tools.ExitCodes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Option parsing and validation of {@code mtcp server} and {@code mtcp proxy}. */
@Timeout(30)
class ServerAndProxyOptionsTest {
    @TempDir
    Path dir;
    private Path key;

    @BeforeEach
    void createKey() {
        key = dir.resolve("group.key");
        assertThat(CliRun.of("keygen", "--out", key.toString()).exitCode()).isZero();
    }

    private CliRun server(String... extra) {
        List<String> args = new ArrayList<>(List.of("server", "--id", "s1", "--listen", "127.0.0.1:0",
                "--group-key", key.toString()));
        args.addAll(List.of(extra));
        return CliRun.of(args.toArray(String[]::new));
    }

    @Test
    void shouldRequireTheIssueFlags() {
        CliRun run = CliRun.of("server", "--id", "s1");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("Missing required options", "--listen", "--group-key", "--app");
    }

    @Test
    void shouldListTheAppsWhenAppIsUnknown() {
        CliRun run = server("--app", "ftp");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("unknown app 'ftp'", "echo, stream, http");
    }

    @Test
    void shouldRequireRootForHttp() {
        CliRun run = server("--app", "http");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.INPUT);
        assertThat(run.err()).isEqualTo("mtcp server: --app http needs --root DIR: the directory whose files it serves\n");
    }

    @Test
    void shouldRejectRootThatIsNotADirectory() {
        assertThat(server("--app", "http", "--root", dir.resolve("none").toString()).err())
                .contains("is not a directory");
        assertThat(server("--app", "echo", "--root", dir.toString()).err())
                .contains("--root applies only to --app http");
    }

    @Test
    void shouldRejectBackupThatIsNotAPeer() {
        CliRun run = server("--app", "echo", "--peer", "s2=127.0.0.1:7002", "--backup", "s3");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.INPUT);
        assertThat(run.err()).contains("--backup s3 is not one of the --peer servers [s2]", "--peer s3=HOST:PORT");
    }

    @Test
    void shouldRequireABackupForAckOnReplicate() {
        assertThat(server("--app", "echo", "--durability", "ack-on-replicate").err())
                .contains("needs at least one --backup");
        assertThat(server("--app", "echo", "--durability", "sometimes").err())
                .contains("unknown durability 'sometimes'", "ack-on-receive, ack-on-replicate");
    }

    @Test
    void shouldRejectSelfAndDuplicatePeers() {
        assertThat(server("--app", "echo", "--peer", "s1=127.0.0.1:7002").err()).contains("names this server itself");
        assertThat(server("--app", "echo", "--peer", "s2=127.0.0.1:7002", "--peer", "s2=127.0.0.1:7003").err())
                .contains("--peer s2 is given twice");
    }

    @Test
    void shouldRefuseANonLoopbackAdminAddress() {
        CliRun run = server("--app", "echo", "--admin", "0.0.0.0:9000");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.INPUT);
        assertThat(run.err()).contains("is not a loopback address", "no authentication");
    }

    @Test
    void shouldRefuseAGroupKeyOthersCanRead() throws Exception {
        Files.setPosixFilePermissions(key, java.nio.file.attribute.PosixFilePermissions.fromString("rw-rw-r--"));

        CliRun run = server("--app", "echo");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.INPUT);
        assertThat(run.err()).contains("chmod 600");
    }

    @Test
    void shouldRequireListenAndServersForTheProxy() {
        assertThat(CliRun.of("proxy").err()).contains("give --listen HOST:PORT");
        CliRun noServer = CliRun.of("proxy", "--listen", "127.0.0.1:0");
        assertThat(noServer.exitCode()).isEqualTo(ExitCodes.INPUT);
        assertThat(noServer.err()).contains("at least one --server ID=HOST:PORT");
    }

    @Test
    void shouldRejectDuplicateAndMalformedServers() {
        assertThat(CliRun.of("proxy", "--listen", "127.0.0.1:0", "--server", "s1=127.0.0.1:1",
                "--server", "s1=127.0.0.1:2").err()).contains("--server s1 is given twice");
        CliRun malformed = CliRun.of("proxy", "--listen", "127.0.0.1:0", "--server", "127.0.0.1:7001");
        assertThat(malformed.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(malformed.err()).contains("expected ID=HOST:PORT such as s1=127.0.0.1:7001");
    }

    @Test
    void shouldRejectConfigTogetherWithFlagsAndAMissingPolicyFile() {
        assertThat(CliRun.of("proxy", "--config", "c.yaml", "--listen", "127.0.0.1:0").err())
                .contains("either --config FILE or --listen/--server");
        assertThat(CliRun.of("proxy", "--listen", "127.0.0.1:0", "--server", "s1=127.0.0.1:1",
                "--policy", dir.resolve("none.yaml").toString()).err()).contains("--policy", "does not exist");
    }
}
