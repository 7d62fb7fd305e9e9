package dev.mtcp.tools.commands;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mtcp.tools.CommandFailure;
import dev.mtcp.tools.admin.AdminClient;
import dev.mtcp.tools.cli.AdminEndpoint;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mtcp conns}: the connections of a running proxy (or server), as a table or JSON. */
@Command(name = "conns", mixinStandardHelpOptions = true,
        header = "List the connections of a running proxy or server.",
        description = "List the connections of a running proxy or server (id, server, epoch, migrations, bytes, state).",
        footerHeading = "%nExamples:%n",
        footer = {
            "  mtcp conns --admin 127.0.0.1:9000",
            "  mtcp conns --admin 127.0.0.1:9000 --json | jq '.[].server'",
        })
public final class ConnsCommand implements Callable<Integer> {
    @Mixin
    AdminEndpoint endpoint;

    @Option(names = "--json", description = "Print the JSON array of GET /connections instead of a table.")
    boolean asJson;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        JsonNode connections;
        try (AdminClient client = new AdminClient(endpoint.admin(), Duration.ofSeconds(30))) {
            connections = client.connections();
        }
        if (!connections.isArray()) {
            throw CommandFailure.runtime("GET /connections at " + endpoint.admin() + " did not return a JSON array");
        }
        PrintWriter out = spec.commandLine().getOut();
        if (asJson) {
            out.println(pretty(connections));
        } else if (connections.isEmpty()) {
            out.println("no connections");
        } else {
            out.print(table(connections));
        }
        out.flush();
        return 0;
    }

    private static String pretty(JsonNode node) {
        try {
            return new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a parsed JSON tree always serializes", e);
        }
    }

    /** Columns are the keys of the first row, in order; numbers right-aligned. */
    static String table(JsonNode rows) {
        List<String> columns = new ArrayList<>();
        rows.get(0).fieldNames().forEachRemaining(columns::add);
        int[] widths = new int[columns.size()];
        List<List<String>> cells = new ArrayList<>();
        cells.add(columns);
        for (JsonNode row : rows) {
            List<String> line = new ArrayList<>();
            for (String column : columns) {
                JsonNode value = row.path(column);
                line.add(value.isMissingNode() || value.isNull() ? "-" : value.asText());
            }
            cells.add(line);
        }
        for (List<String> line : cells) {
            for (int i = 0; i < widths.length; i++) {
                widths[i] = Math.max(widths[i], line.get(i).length());
            }
        }
        StringBuilder text = new StringBuilder();
        for (List<String> line : cells) {
            Iterator<String> it = line.iterator();
            for (int i = 0; it.hasNext(); i++) {
                String cell = it.next();
                boolean numeric = rows.get(0).path(columns.get(i)).isNumber();
                boolean last = !it.hasNext();
                String format = numeric ? "%" + widths[i] + "s" : last ? "%s" : "%-" + widths[i] + "s";
                text.append(String.format(format, cell));
                text.append(last ? "" : "  ");
            }
            text.append(System.lineSeparator());
        }
        return text.toString();
    }
}
