package dev.mtcp.tools.commands;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mtcp.tools.CommandFailure;
import dev.mtcp.tools.ExitCodes;
import dev.mtcp.tools.admin.AdminClient;
import dev.mtcp.tools.cli.AdminEndpoint;
import dev.mtcp.tools.cli.Ids;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mtcp migrate}: move one connection, or all, to another server now (operator-initiated migration). */
@Command(name = "migrate", mixinStandardHelpOptions = true,
        header = "Migrate a connection, or all, to another server now.",
        description = "Migrate a live connection (or all of them) of a running proxy to another server now. "
                + "Waits until each migration finished and prints its handshake time; exits 1 if any failed.",
        footerHeading = "%nExamples:%n",
        footer = {
            "  mtcp migrate --admin 127.0.0.1:9000 all     # each to its next server",
            "  mtcp migrate --admin 127.0.0.1:9000 all --to s2",
            "  mtcp migrate --admin 127.0.0.1:9000 3f9c0a7e5b1d42c8a6e0f1b2c3d4e5f6 --to s3",
        })
public final class MigrateCommand implements Callable<Integer> {
    @Mixin
    AdminEndpoint endpoint;

    @Parameters(index = "0", paramLabel = "ID|all",
            description = "Connection id (32 hex digits, from 'mtcp conns') or 'all'.")
    String selector;

    @Option(names = "--to", paramLabel = "SERVER_ID",
            description = "Target server id; default: the next server in each connection's list.")
    String to;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (!selector.equals(Ids.ALL) && !Ids.isConnectionId(selector)) {
            throw CommandFailure.input("bad connection id '" + selector
                    + "': use 32 hex digits as shown by 'mtcp conns', or 'all'");
        }
        if (to != null && !Ids.isServerId(to)) {
            throw CommandFailure.input("bad server id --to '" + to + "': use the id given to 'mtcp server --id'");
        }
        JsonNode result;
        try (AdminClient client = new AdminClient(endpoint.admin(), Duration.ofSeconds(60))) {
            result = client.migrate(selector, Optional.ofNullable(to));
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        JsonNode results = result.path("results");
        if (results.isEmpty()) {
            out.println("no connections to migrate");
        }
        int failed = 0;
        for (JsonNode r : results) {
            if (r.path("ok").asBoolean(false)) {
                out.printf("migrated %s %s -> %s (handshake %.3f ms)%n", r.path("id").asText(), r.path("from").asText(),
                        r.path("to").asText(), r.path("handshakeMillis").asDouble());
            } else {
                failed++;
                err.printf("migration of %s from %s to %s failed: %s%n", r.path("id").asText(), r.path("from").asText(),
                        r.path("to").asText(), r.path("error").asText());
            }
        }
        out.flush();
        err.flush();
        return failed == 0 ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
    }
}
