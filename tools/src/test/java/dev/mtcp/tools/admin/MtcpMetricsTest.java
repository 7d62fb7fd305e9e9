package dev.mtcp.tools.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MtcpMetricsTest {
    @Test
    void shouldKeepReadingInlineSuppliersAfterGarbageCollection() {
        MtcpMetrics metrics = new MtcpMetrics(() -> 3, () -> 10, () -> 20);

        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        PrometheusText text = PrometheusText.parse(metrics.scrape());

        assertThat(text.value("mtcp_connections", Map.of())).isEqualTo(3);
        assertThat(text.value("mtcp_bytes_total", Map.of("direction", "up"))).isEqualTo(10);
        assertThat(text.value("mtcp_bytes_total", Map.of("direction", "down"))).isEqualTo(20);
    }

    @Test
    void shouldCountMigrationsPausesAndRejectionsSeparately() {
        MtcpMetrics metrics = new MtcpMetrics(() -> 0, () -> 0, () -> 0);
        metrics.declareRejectCodes(List.of("REPLAY", "FENCED"));

        metrics.migrations("in", 2);
        metrics.migrations("in", 0);
        metrics.pause(Duration.ofMillis(3));
        metrics.rejected("REPLAY", 4);
        PrometheusText text = PrometheusText.parse(metrics.scrape());

        assertThat(text.value("mtcp_migrations_total", Map.of("reason", "in"))).isEqualTo(2);
        assertThat(text.value("mtcp_migration_pause_seconds_count", Map.of())).isEqualTo(1);
        assertThat(text.value("mtcp_rejected_total", Map.of("code", "REPLAY"))).isEqualTo(4);
        assertThat(text.value("mtcp_rejected_total", Map.of("code", "FENCED"))).isZero();
    }

    @Test
    void shouldCountConnectionsGivenUpFromZeroWhenDeclared() {
        MtcpMetrics metrics = new MtcpMetrics(() -> 0, () -> 0, () -> 0);
        metrics.declareGivenUp();
        assertThat(PrometheusText.parse(metrics.scrape()).value("mtcp_connections_given_up_total", Map.of())).isZero();

        metrics.connectionGivenUp();
        metrics.connectionGivenUp();
        assertThat(PrometheusText.parse(metrics.scrape()).value("mtcp_connections_given_up_total", Map.of())).isEqualTo(2);
    }
}
