package dev.mtcp.tools.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The shaded jar as users run it: real processes, real exit codes, and the build's man pages and completion. */
@Timeout(120)
class CliProcessIT {
    private static final Duration RUN = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    @Test
    void shouldListEveryVerbFromTheShadedJar() throws Exception {
        MtcpProcess.Finished run = MtcpProcess.run(RUN, "--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("server", "proxy", "conns", "migrate", "drain", "keygen", "policy", "demo",
                "trace", "wan", "bench");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void shouldExitWithTheMappedCodesAndOneLineErrors() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        MtcpProcess.Finished refused = MtcpProcess.run(RUN, "conns", "--admin", "127.0.0.1:" + port);
        MtcpProcess.Finished usage = MtcpProcess.run(RUN, "migrate", "--admin", "nowhere", "all");
        Path key = dir.resolve("exists.key");
        Files.writeString(key, "x");
        MtcpProcess.Finished input = MtcpProcess.run(RUN, "keygen", "--out", key.toString());

        assertThat(refused.exitCode()).isEqualTo(4);
        assertThat(refused.err()).isEqualTo("mtcp conns: no mtcp admin endpoint at 127.0.0.1:" + port
                + ": is the proxy/server running with --admin 127.0.0.1:" + port + "?\n");
        assertThat(usage.exitCode()).isEqualTo(2);
        assertThat(usage.err()).contains("expected HOST:PORT");
        assertThat(input.exitCode()).isEqualTo(3);
        assertThat(input.err()).contains("already exists", "--force");
    }

    @Test
    void shouldWriteAnOwnerOnlyKeyFile() throws Exception {
        Path key = dir.resolve("group.key");

        MtcpProcess.Finished run = MtcpProcess.run(RUN, "keygen", "--out", key.toString());

        assertThat(run.exitCode()).isZero();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
    }

    @Test
    void shouldHaveBuiltManPagesAndBashCompletion() throws Exception {
        Path target = MtcpProcess.jar().toAbsolutePath().getParent();
        Path migrate = target.resolve("man/mtcp-migrate.adoc");
        Path completion = target.resolve("completion/mtcp_completion");

        assertThat(migrate).exists();
        assertThat(Files.readString(migrate)).contains(":doctype: manpage", "--admin", "Examples");
        for (String verb : new String[] {"server", "proxy", "conns", "drain", "keygen", "policy-check", "demo",
                "trace", "wan", "bench"}) {
            assertThat(target.resolve("man/mtcp-" + verb + ".adoc")).exists();
        }
        assertThat(Files.readString(completion)).contains("complete -F", "migrate", "--group-key");
    }

    @Test
    void shouldStartAProxyWithAQosPolicyAndStopOnSigterm() throws Exception {
        Path policy = Path.of("..", "examples", "policies", "interactive.yaml").toAbsolutePath().normalize();
        try (MtcpProcess proxy = MtcpProcess.start("proxy", "proxy", "--listen", "127.0.0.1:0",
                "--server", "s1=127.0.0.1:7001", "--policy", policy.toString())) {
            proxy.awaitLine(java.util.regex.Pattern.compile("mtcp proxy listening on 127\\.0\\.0\\.1:\\d+ \\(service "
                    + "default: \\[s1\\], QoS policy .*interactive\\.yaml\\)"), RUN);
            proxy.terminate();
            assertThat(proxy.awaitExit(RUN)).isEqualTo(143);
        }
    }

    @Test
    void shouldRefuseAnInvalidPolicyWithFileAndLine() throws Exception {
        Path policy = Files.writeString(dir.resolve("policy.yaml"), "version: 1\ncooldown: soon\n");

        MtcpProcess.Finished run = MtcpProcess.run(RUN, "proxy", "--listen", "127.0.0.1:0", "--server",
                "s1=127.0.0.1:7001", "--policy", policy.toString());

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err()).startsWith("mtcp proxy: " + policy + ":2: cooldown: ");
    }
}
