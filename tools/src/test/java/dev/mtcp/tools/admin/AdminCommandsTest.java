package dev.mtcp.tools.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mtcp.tools.CliRun;
import dev.mtcp.tools.ExitCodes;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code mtcp conns/migrate/drain} against a real admin HTTP server. */
@Timeout(30)
class AdminCommandsTest {
    private static final String C1 = "00112233445566778899aabbccddeeff";
    private static final String C2 = "ffeeddccbbaa99887766554433221100";

    private InMemoryProxyModel model;
    private AdminServer server;
    private String admin;

    @BeforeEach
    void start() throws IOException {
        model = new InMemoryProxyModel(List.of("s1", "s2", "s3"));
        model.open(C1, 100, 123456789);
        model.open(C2, 5, 70);
        server = AdminServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), model, model.metrics(),
                Duration.ofSeconds(5));
        admin = "127.0.0.1:" + server.address().getPort();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void shouldPrintATableWithOneRowPerConnection() {
        CliRun run = CliRun.of("conns", "--admin", admin);

        assertThat(run.exitCode()).isZero();
        List<String> lines = run.out().lines().toList();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).matches("id +server +epoch +migrations +bytesUp +bytesDown +state");
        assertThat(lines.get(1)).startsWith(C1 + "  s1").contains("123456789").endsWith("OPEN");
        assertThat(lines.get(2)).startsWith(C2);
    }

    @Test
    void shouldPrintTheJsonArrayWhenAsked() {
        CliRun run = CliRun.of("conns", "--admin", admin, "--json");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("[").contains("\"id\" : \"" + C1 + "\"", "\"bytesDown\" : 123456789");
    }

    @Test
    void shouldMigrateAllAndPrintEachOutcome() {
        CliRun run = CliRun.of("migrate", "--admin", admin, "all", "--to", "s2");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("migrated " + C1 + " s1 -> s2 (handshake 0.700 ms)", "migrated " + C2 + " s1 -> s2");
        assertThat(CliRun.of("conns", "--admin", admin).out()).doesNotContain(" s1 ");
    }

    @Test
    void shouldExitOneWhenAMigrationFailed() {
        CliRun.of("migrate", "--admin", admin, C1, "--to", "s2");

        CliRun run = CliRun.of("migrate", "--admin", admin, "all", "--to", "s2");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.CHECK_FAILED);
        assertThat(run.err()).contains("migration of " + C1 + " from s2 to s2 failed: already on s2");
        assertThat(run.out()).contains("migrated " + C2);
    }

    @Test
    void shouldReportAnUnknownConnectionAsInputError() {
        CliRun run = CliRun.of("migrate", "--admin", admin, "0000000000000000000000000000abcd");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.INPUT);
        assertThat(run.err()).isEqualTo("mtcp migrate: " + admin + " refused to migrate 0000000000000000000000000000abcd "
                + "(HTTP 404): no connection 0000000000000000000000000000abcd\n");
    }

    @Test
    void shouldCheckTheIdBeforeAskingTheProxy() {
        CliRun run = CliRun.of("migrate", "--admin", admin, "s1");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.INPUT);
        assertThat(run.err()).contains("bad connection id 's1'", "'mtcp conns'");
    }

    @Test
    void shouldExplainThatDrainIsForServers() {
        CliRun run = CliRun.of("drain", "--admin", admin);

        assertThat(run.exitCode()).isEqualTo(ExitCodes.INPUT);
        assertThat(run.err()).contains("(HTTP 404)", "server endpoint");
    }

    @Test
    void shouldSayNoAdminEndpointWhenNothingListens() throws IOException {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        for (String verb : List.of("conns", "drain")) {
            CliRun run = CliRun.of(verb, "--admin", "127.0.0.1:" + port);

            assertThat(run.exitCode()).isEqualTo(ExitCodes.RUNTIME);
            assertThat(run.err()).isEqualTo("mtcp " + verb + ": no mtcp admin endpoint at 127.0.0.1:" + port
                    + ": is the proxy/server running with --admin 127.0.0.1:" + port + "?\n");
        }
    }
}
