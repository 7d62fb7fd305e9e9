package dev.mtcp.tools.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mtcp.tools.CommandFailure;
import dev.mtcp.tools.cli.HostPort;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * Client of the admin API for {@code mtcp conns/migrate/drain}. Every failure becomes a
 * {@link CommandFailure} with one line that says what happened and what to do.
 */
public final class AdminClient implements AutoCloseable {
    private final HostPort admin;
    private final HttpClient http;
    private final Duration requestTimeout;
    private final ObjectMapper json = new ObjectMapper();

    public AdminClient(HostPort admin, Duration requestTimeout) {
        this.admin = admin;
        this.requestTimeout = requestTimeout;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
                .version(HttpClient.Version.HTTP_1_1).build();
    }

    /** {@code GET /connections}: the JSON array. */
    public JsonNode connections() {
        return send(HttpRequest.newBuilder(uri("/connections")).GET(), "list connections");
    }

    /** {@code POST /connections/{selector}/migrate[?to=ID]}: the JSON result. */
    public JsonNode migrate(String selector, Optional<String> to) {
        String path = "/connections/" + URLEncoder.encode(selector, StandardCharsets.UTF_8) + "/migrate" + toQuery(to);
        return send(HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.noBody()), "migrate " + selector);
    }

    /** {@code POST /drain[?to=ID]}: the JSON result. */
    public JsonNode drain(Optional<String> to) {
        return send(HttpRequest.newBuilder(uri("/drain" + toQuery(to))).POST(HttpRequest.BodyPublishers.noBody()), "drain");
    }

    private static String toQuery(Optional<String> to) {
        return to.map(id -> "?to=" + URLEncoder.encode(id, StandardCharsets.UTF_8)).orElse("");
    }

    private URI uri(String path) {
        return URI.create("http://" + admin + path);
    }

    private JsonNode send(HttpRequest.Builder request, String what) {
        HttpResponse<String> response;
        try {
            response = http.send(request.timeout(requestTimeout).build(), HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException | HttpConnectTimeoutException e) {
            throw CommandFailure.runtime("no mtcp admin endpoint at " + admin
                    + ": is the proxy/server running with --admin " + admin + "?", e);
        } catch (HttpTimeoutException e) {
            throw CommandFailure.runtime("the admin endpoint at " + admin + " did not answer within "
                    + requestTimeout.toSeconds() + " s (" + what + "); check that the proxy/server is healthy", e);
        } catch (IOException e) {
            throw CommandFailure.runtime("talking to the admin endpoint at " + admin + " failed (" + what + "): "
                    + e.getMessage() + "; is it an mtcp admin address?", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw CommandFailure.runtime("interrupted while waiting for " + admin + " (" + what + ")", e);
        }
        JsonNode body = parse(response.body(), what);
        int status = response.statusCode();
        if (status / 100 == 2) {
            return body;
        }
        String error = body.path("error").asText("HTTP " + status);
        String message = admin + " refused to " + what + " (HTTP " + status + "): " + error;
        if (status / 100 == 4) {
            throw CommandFailure.input(message);
        }
        throw CommandFailure.runtime(message);
    }

    private JsonNode parse(String body, String what) {
        try {
            return json.readTree(body.isEmpty() ? "{}" : body);
        } catch (JsonProcessingException e) {
            throw CommandFailure.runtime("the answer of " + admin + " to '" + what
                    + "' is not JSON: is this an mtcp admin address?", e);
        }
    }

    @Override
    public void close() {
        http.close();
    }
}
