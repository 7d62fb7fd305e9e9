package dev.mtcp.harness.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mtcp.harness.testbed.CommandResult;
import dev.mtcp.harness.testbed.Testbed;
import dev.mtcp.harness.testbed.TestbedException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The admin HTTP APIs of the running mtcp processes. Each listens on the loopback of its own
 * namespace, so every call is a {@code curl} run inside that namespace. Implements the timeline's
 * operator commands: {@code drain} is {@code POST /drain} on the server, {@code migrate} is
 * {@code POST /connections/all/migrate?to=ID} on the proxy.
 */
public final class AdminApi implements OperatorCommands {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern REASON = Pattern.compile("reason=\"((?:[^\"\\\\]|\\\\.)*)\"");
    private final Testbed testbed;
    private final Map<String, String> namespaces;
    private final String proxyNamespace;
    private final int port;

    /**
     * @param serverNamespaces each server's namespace by server id
     * @param port             the admin port, the same in every namespace
     */
    public AdminApi(Testbed testbed, Map<String, String> serverNamespaces, String proxyNamespace, int port) {
        this.testbed = testbed;
        this.namespaces = Map.copyOf(serverNamespaces);
        this.proxyNamespace = proxyNamespace;
        this.port = port;
    }

    @Override
    public void drain(String server) {
        String ns = namespaces.get(server);
        if (ns == null) {
            throw new TestbedException("drain: no server named '" + server + "'");
        }
        call(ns, "POST", "/drain", server);
    }

    @Override
    public void migrateAll(String server) {
        JsonNode body = call(proxyNamespace, "POST", "/connections/all/migrate?to=" + server, "proxy");
        List<String> failed = new ArrayList<>();
        for (JsonNode result : body.path("results")) {
            if (!result.path("ok").asBoolean(false)) {
                failed.add(result.path("id").asText() + ": " + result.path("error").asText());
            }
        }
        if (!failed.isEmpty()) {
            throw new TestbedException("migrate to " + server + ": " + failed.size() + " of " + body.path("requested")
                    .asInt() + " migrations failed: " + String.join("; ", failed));
        }
    }

    /** The proxy's connections now. */
    public List<ProxyConnection> proxyConnections() {
        JsonNode body = call(proxyNamespace, "GET", "/connections", "proxy");
        try {
            return JSON.convertValue(body, new TypeReference<List<ProxyConnection>>() {});
        } catch (IllegalArgumentException e) {
            throw new TestbedException("proxy GET /connections: unexpected JSON: " + e.getMessage(), e);
        }
    }

    /**
     * The proxy's completed migrations by kind, from the {@code mtcp_migrations_total{reason=...}} series
     * of its {@code GET /metrics}: the reason's first word ({@code operator}, {@code qos}, {@code failover},
     * {@code hint}...), since the full reason carries details.
     */
    public Map<String, Long> proxyMigrationsByReason() {
        return migrationsByReason(raw(proxyNamespace, "GET", "/metrics", "proxy"));
    }

    static Map<String, Long> migrationsByReason(String prometheusText) {
        Map<String, Long> byReason = new TreeMap<>();
        for (String line : prometheusText.split("\n")) {
            if (line.startsWith("mtcp_migrations_total")) {
                Matcher m = REASON.matcher(line);
                String label = m.find() ? m.group(1) : "unknown";
                String reason = label.startsWith("server hint") ? "hint" : label.split("[:\\s(]", 2)[0];
                long count = (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                byReason.merge(reason.isEmpty() ? "unknown" : reason, count, Long::sum);
            }
        }
        byReason.values().removeIf(n -> n == 0);
        return byReason;
    }

    private JsonNode call(String ns, String method, String path, String who) {
        String body = raw(ns, method, path, who);
        try {
            return JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new TestbedException(who + " " + method + " " + path + ": not JSON: " + body, e);
        }
    }

    private String raw(String ns, String method, String path, String who) {
        CommandResult result = testbed.run(ns, List.of("curl", "-sS", "--max-time", "40", "-X", method, "-w",
                "\n%{http_code}", "http://127.0.0.1:" + port + path));
        if (!result.succeeded()) {
            throw new TestbedException(who + " admin " + method + " " + path + " failed: " + result.stderr().strip());
        }
        String out = result.stdout();
        int cut = out.lastIndexOf('\n');
        String status = out.substring(cut + 1).strip();
        String body = out.substring(0, Math.max(0, cut));
        if (!status.equals("200")) {
            throw new TestbedException(who + " admin " + method + " " + path + ": HTTP " + status + ": " + body.strip());
        }
        return body;
    }
}
