package dev.mtcp.tools.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class AdminServerTest {
    private static final String C1 = "00112233445566778899aabbccddeeff";
    private static final String C2 = "ffeeddccbbaa99887766554433221100";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();
    private InMemoryProxyModel model;
    private AdminServer server;

    @BeforeEach
    void start() throws IOException {
        model = new InMemoryProxyModel(List.of("s1", "s2", "s3"));
        model.open(C1, 100, 2000);
        model.open(C2, 5, 70);
        server = AdminServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), model, model.metrics(),
                Duration.ofSeconds(5));
    }

    @AfterEach
    void stop() {
        server.close();
        http.close();
    }

    private HttpResponse<String> send(String method, String path) throws Exception {
        URI uri = URI.create("http://127.0.0.1:" + server.address().getPort() + path);
        return http.send(HttpRequest.newBuilder(uri).method(method, HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void shouldListConnectionsWithExactlyTheIssueKeys() throws Exception {
        HttpResponse<String> response = send("GET", "/connections");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        JsonNode body = json.readTree(response.body());
        assertThat(body.isArray()).isTrue();
        assertThat(body).hasSize(2);
        List<String> keys = new ArrayList<>();
        body.get(0).fieldNames().forEachRemaining(keys::add);
        assertThat(keys).containsExactly("id", "server", "epoch", "migrations", "bytesUp", "bytesDown", "state");
        assertThat(body.get(0).get("id").asText()).isEqualTo(C1);
        assertThat(body.get(0).get("bytesDown").asLong()).isEqualTo(2000);
    }

    @Test
    void shouldMigrateOneConnectionToTheNamedServer() throws Exception {
        HttpResponse<String> response = send("POST", "/connections/" + C1 + "/migrate?to=s3");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = json.readTree(response.body());
        assertThat(body.get("requested").asInt()).isEqualTo(1);
        assertThat(body.get("results").get(0).get("to").asText()).isEqualTo("s3");
        assertThat(body.get("results").get(0).get("ok").asBoolean()).isTrue();
        assertThat(model.connections()).extracting(ConnectionView::server).containsExactly("s3", "s1");
        assertThat(model.connections().getFirst().epoch()).isEqualTo(2);
    }

    @Test
    void shouldMigrateAllToTheNextServerWhenNoTargetIsGiven() throws Exception {
        assertThat(send("POST", "/connections/all/migrate").statusCode()).isEqualTo(200);
        assertThat(model.connections()).extracting(ConnectionView::server).containsExactly("s2", "s2");
        assertThat(send("POST", "/connections/all/migrate").statusCode()).isEqualTo(200);
        assertThat(model.connections()).extracting(ConnectionView::server).containsExactly("s3", "s3");
        assertThat(model.connections()).extracting(ConnectionView::migrations).containsExactly(2L, 2L);
    }

    @Test
    void shouldAnswer404ForAnUnknownConnection() throws Exception {
        HttpResponse<String> response = send("POST", "/connections/0000000000000000000000000000abcd/migrate");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(json.readTree(response.body()).get("error").asText()).contains("no connection");
    }

    @Test
    void shouldAnswer400ForABadIdOrTarget() throws Exception {
        HttpResponse<String> badId = send("POST", "/connections/xyz/migrate");
        HttpResponse<String> badTo = send("POST", "/connections/all/migrate?to=s%201");
        HttpResponse<String> unknownTo = send("POST", "/connections/all/migrate?to=s9");

        assertThat(badId.statusCode()).isEqualTo(400);
        assertThat(json.readTree(badId.body()).get("error").asText()).contains("bad connection id 'xyz'");
        assertThat(badTo.statusCode()).isEqualTo(400);
        assertThat(json.readTree(badTo.body()).get("error").asText()).contains("bad server id");
        assertThat(unknownTo.statusCode()).isEqualTo(400);
        assertThat(model.connections()).extracting(ConnectionView::server).containsOnly("s1");
    }

    @Test
    void shouldAnswer405WithAllowForTheWrongMethod() throws Exception {
        HttpResponse<String> postList = send("POST", "/connections");
        HttpResponse<String> getMigrate = send("GET", "/connections/all/migrate");
        HttpResponse<String> deleteMetrics = send("DELETE", "/metrics");

        assertThat(postList.statusCode()).isEqualTo(405);
        assertThat(postList.headers().firstValue("Allow")).hasValue("GET");
        assertThat(json.readTree(postList.body()).get("error").asText()).contains("POST is not allowed");
        assertThat(getMigrate.statusCode()).isEqualTo(405);
        assertThat(getMigrate.headers().firstValue("Allow")).hasValue("POST");
        assertThat(deleteMetrics.statusCode()).isEqualTo(405);
        assertThat(model.connections()).extracting(ConnectionView::server).containsOnly("s1");
    }

    @Test
    void shouldAnswer404WithTheEndpointListForAnUnknownPath() throws Exception {
        HttpResponse<String> response = send("GET", "/nope");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(json.readTree(response.body()).get("error").asText()).contains("GET /connections", "GET /metrics");
    }

    @Test
    void shouldRefuseDrainOnAProxy() throws Exception {
        HttpResponse<String> response = send("POST", "/drain");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(json.readTree(response.body()).get("error").asText()).contains("server endpoint", "proxy");
    }

    @Test
    void shouldDrainAServerWithTheSuggestedTarget() throws Exception {
        List<Optional<String>> drains = new ArrayList<>();
        ServerAdminModel serverModel = new ServerAdminModel() {
            @Override public String role() { return "server"; }
            @Override public List<ConnectionView> connections() { return model.connections(); }
            @Override public CompletableFuture<List<MigrationOutcome>> migrate(String s, Optional<String> to) {
                return CompletableFuture.completedFuture(List.of());
            }
            @Override public int drain(Optional<String> to) {
                drains.add(to);
                return model.connections().size();
            }
        };
        try (AdminServer serverAdmin = AdminServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                serverModel, model.metrics(), Duration.ofSeconds(5))) {
            URI uri = URI.create("http://127.0.0.1:" + serverAdmin.address().getPort() + "/drain?to=s2");
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(json.readTree(response.body()).get("hinted").asInt()).isEqualTo(2);
            assertThat(drains).containsExactly(Optional.of("s2"));
        }
    }

    @Test
    void shouldServePrometheusTextWhoseCountersMoveAfterAMigration() throws Exception {
        HttpResponse<String> before = send("GET", "/metrics");
        assertThat(before.statusCode()).isEqualTo(200);
        assertThat(before.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/plain; version=0.0.4");
        PrometheusText first = PrometheusText.parse(before.body());
        assertThat(first.types).containsEntry("mtcp_connections", "gauge")
                .containsEntry("mtcp_bytes_total", "counter")
                .containsEntry("mtcp_migration_pause_seconds", "histogram");
        assertThat(first.value("mtcp_connections", Map.of())).isEqualTo(2);
        assertThat(first.value("mtcp_bytes_total", Map.of("direction", "down"))).isEqualTo(2070);
        assertThat(first.value("mtcp_migration_pause_seconds_count", Map.of())).isZero();

        send("POST", "/connections/all/migrate?to=s2");
        model.metrics().rejected("BAD_SIGNATURE");
        PrometheusText after = PrometheusText.parse(send("GET", "/metrics").body());

        assertThat(after.value("mtcp_migrations_total", Map.of("reason", "operator"))).isEqualTo(2);
        assertThat(after.value("mtcp_migration_pause_seconds_count", Map.of())).isEqualTo(2);
        assertThat(after.value("mtcp_migration_pause_seconds_sum", Map.of())).isCloseTo(0.0014, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(after.has("mtcp_migration_pause_seconds_bucket")).isTrue();
        assertThat(after.value("mtcp_rejected_total", Map.of("code", "BAD_SIGNATURE"))).isEqualTo(1);
    }

    @Test
    void shouldRefuseToBindTheAdminApiOutsideLoopback() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> AdminServer.start(new InetSocketAddress("0.0.0.0", 0),
                        model, model.metrics(), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not loopback");
    }
}
