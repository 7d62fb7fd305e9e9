package dev.mtcp.tools.commands;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mtcp.tools.CommandFailure;
import dev.mtcp.tools.admin.AdminClient;
import dev.mtcp.tools.cli.AdminEndpoint;
import dev.mtcp.tools.cli.Ids;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mtcp drain}: ask a server to hint all its clients away (server-initiated migration). */
@Command(name = "drain", mixinStandardHelpOptions = true,
        header = "Hint all clients of a server to move away (maintenance).",
        description = "Drain a running server: send every client a migrate hint so that it moves elsewhere (for "
                + "maintenance). Talks to the server's --admin address, not the proxy's.",
        footerHeading = "%nExamples:%n",
        footer = {
            "  mtcp drain --admin 127.0.0.1:9001",
            "  mtcp drain --admin 127.0.0.1:9001 --to s2",
        })
public final class DrainCommand implements java.util.concurrent.Callable<Integer> {
    @Mixin
    AdminEndpoint endpoint;

    @Option(names = "--to", paramLabel = "SERVER_ID", description = "Suggest this server as the target.")
    String to;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (to != null && !Ids.isServerId(to)) {
            throw CommandFailure.input("bad server id --to '" + to + "': use the id given to 'mtcp server --id'");
        }
        JsonNode result;
        try (AdminClient client = new AdminClient(endpoint.admin(), Duration.ofSeconds(30))) {
            result = client.drain(Optional.ofNullable(to));
        }
        PrintWriter out = spec.commandLine().getOut();
        out.printf("hinted %d connection(s) to move%s%n", result.path("hinted").asInt(),
                to == null ? "" : " to " + to);
        out.flush();
        return 0;
    }
}
