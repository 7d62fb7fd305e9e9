package dev.mtcp.harness.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class AdminApiTest {
    @Test
    void shouldCountMigrationsByTheFirstWordOfTheirReason() {
        String metrics = """
                # HELP mtcp_migrations_total Completed migrations
                # TYPE mtcp_migrations_total counter
                mtcp_migrations_total{reason="failover: no progress and no PONG from s1 for 3012 ms (dead after 3000 ms)",} 1.0
                mtcp_migrations_total{reason="failover: REJECT UNKNOWN_CONNECTION: \\"x\\" here",} 2.0
                mtcp_migrations_total{reason="operator",} 4.0
                mtcp_migrations_total{reason="server hint DRAIN",} 5.0
                mtcp_migrations_total{reason="qos(goodput)",} 0.0
                mtcp_connections 3.0
                """;

        assertThat(AdminApi.migrationsByReason(metrics)).isEqualTo(Map.of("failover", 3L, "operator", 4L, "hint", 5L));
    }

    @Test
    void shouldCountNothingWhenThereIsNoMigrationSeries() {
        assertThat(AdminApi.migrationsByReason("mtcp_connections 0.0\n")).isEmpty();
    }
}
