package dev.mtcp.tools.admin;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.mtcp.tools.cli.Ids;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin HTTP API of a proxy or server, on a loopback address (it has no authentication, so it
 * refuses to bind anywhere else):
 * <pre>
 * GET  /connections                          JSON array of the connections
 * POST /connections/{id|all}/migrate[?to=ID] migrate now; waits for the outcome; JSON {"results": [...]}
 * POST /drain[?to=ID]                        (server) hint every client away; JSON {"hinted": n}
 * GET  /metrics                              Prometheus text format
 * </pre>
 * Errors are JSON {@code {"error": "..."}}: 400 bad id or parameter, 404 unknown connection or path,
 * 405 wrong method (with {@code Allow}), 504 migration still running after the timeout, 500 a bug.
 */
public final class AdminServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AdminServer.class);
    private static final Pattern MIGRATE_PATH = Pattern.compile("/connections/([^/]+)/migrate");
    private static final String ENDPOINTS =
            "GET /connections, POST /connections/{id|all}/migrate?to=ID, POST /drain?to=ID, GET /metrics";

    private final HttpServer http;
    private final ExecutorService executor;
    private final AdminModel model;
    private final MtcpMetrics metrics;
    private final Duration migrateTimeout;
    private final ObjectMapper json = new ObjectMapper();

    private AdminServer(HttpServer http, ExecutorService executor, AdminModel model, MtcpMetrics metrics,
                        Duration migrateTimeout) {
        this.http = http;
        this.executor = executor;
        this.model = model;
        this.metrics = metrics;
        this.migrateTimeout = migrateTimeout;
    }

    /**
     * Binds and starts serving.
     *
     * @param address a loopback address (port 0 picks a free port)
     * @param migrateTimeout how long {@code POST .../migrate} waits for the migrations to finish
     * @throws IllegalArgumentException when the address is not loopback
     * @throws IOException when it cannot bind (e.g. the port is in use)
     */
    public static AdminServer start(InetSocketAddress address, AdminModel model, MtcpMetrics metrics,
                                    Duration migrateTimeout) throws IOException {
        if (address.getAddress() == null || !address.getAddress().isLoopbackAddress()) {
            throw new IllegalArgumentException("the admin address " + address.getHostString() + ":" + address.getPort()
                    + " is not loopback; the admin API has no authentication, so use 127.0.0.1 or [::1]");
        }
        HttpServer http = HttpServer.create(address, 0);
        ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
        AdminServer server = new AdminServer(http, executor, model, metrics, migrateTimeout);
        http.createContext("/", server::handle);
        http.setExecutor(executor);
        http.start();
        log.info("admin API of the {} listening on {}", model.role(), server.address());
        return server;
    }

    /** The bound address (with the real port when 0 was asked). */
    public InetSocketAddress address() {
        return http.getAddress();
    }

    @Override
    public void close() {
        http.stop(0);
        executor.close();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            discard(exchange.getRequestBody());
            try {
                route(exchange);
            } catch (AdminException e) {
                sendError(exchange, e.status(), e.getMessage());
            } catch (RuntimeException e) {
                log.error("admin request {} {} failed", exchange.getRequestMethod(), exchange.getRequestURI(), e);
                sendError(exchange, 500, "internal error: " + e);
            }
        }
    }

    private void route(HttpExchange exchange) throws IOException, AdminException {
        String path = exchange.getRequestURI().getPath();
        String method = exchange.getRequestMethod();
        Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
        Matcher migrate = MIGRATE_PATH.matcher(path);
        if (path.equals("/connections")) {
            requireMethod(exchange, "GET");
            sendJson(exchange, 200, model.connections());
        } else if (migrate.matches()) {
            requireMethod(exchange, "POST");
            sendJson(exchange, 200, migrate(migrate.group(1), targetOf(query)));
        } else if (path.equals("/drain")) {
            requireMethod(exchange, "POST");
            if (!(model instanceof ServerAdminModel server)) {
                throw AdminException.notFound("POST /drain is a server endpoint; this admin API belongs to a "
                        + model.role() + " (use POST /connections/all/migrate)");
            }
            sendJson(exchange, 200, Map.of("hinted", server.drain(targetOf(query))));
        } else if (path.equals("/metrics")) {
            requireMethod(exchange, "GET");
            send(exchange, 200, MtcpMetrics.CONTENT_TYPE, metrics.scrape().getBytes(StandardCharsets.UTF_8));
        } else {
            throw AdminException.notFound("no such endpoint: " + method + " " + path + "; endpoints: " + ENDPOINTS);
        }
    }

    private Map<String, Object> migrate(String selector, Optional<String> to) throws AdminException {
        if (!selector.equals(Ids.ALL) && !Ids.isConnectionId(selector)) {
            throw AdminException.badRequest("bad connection id '" + selector + "': expected 32 hex digits or 'all'");
        }
        try {
            List<MigrationOutcome> results = model.migrate(selector, to)
                    .get(migrateTimeout.toMillis(), TimeUnit.MILLISECONDS);
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("requested", results.size());
            body.put("results", results);
            return body;
        } catch (TimeoutException e) {
            throw new AdminException(504, "migration of " + selector + " still running after "
                    + migrateTimeout.toMillis() + " ms; check GET /connections");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AdminException(503, "admin API shutting down");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof AdminException ae) {
                throw ae;
            }
            throw new AdminException(500, "migration of " + selector + " failed: " + cause);
        }
    }

    private static Optional<String> targetOf(Map<String, String> query) throws AdminException {
        String to = query.get("to");
        if (to == null) {
            return Optional.empty();
        }
        if (!Ids.isServerId(to)) {
            throw AdminException.badRequest("bad server id in to='" + to + "': use letters, digits, '.', '_', '-'");
        }
        return Optional.of(to);
    }

    private static void requireMethod(HttpExchange exchange, String allowed) throws AdminException {
        if (!exchange.getRequestMethod().equals(allowed)) {
            exchange.getResponseHeaders().set("Allow", allowed);
            throw new AdminException(405, exchange.getRequestMethod() + " is not allowed on "
                    + exchange.getRequestURI().getPath() + "; use " + allowed);
        }
    }

    private static Map<String, String> query(String raw) throws AdminException {
        Map<String, String> params = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return params;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            try {
                String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                params.put(key, value);
            } catch (IllegalArgumentException e) {
                throw AdminException.badRequest("malformed query string: " + raw);
            }
        }
        return params;
    }

    private void sendJson(HttpExchange exchange, int status, Object body) throws IOException {
        send(exchange, status, "application/json", json.writeValueAsBytes(body));
    }

    private void sendError(HttpExchange exchange, int status, String message) throws IOException {
        sendJson(exchange, status, Map.of("error", message));
    }

    private static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static void discard(InputStream body) throws IOException {
        body.transferTo(OutputStream.nullOutputStream());
    }
}
