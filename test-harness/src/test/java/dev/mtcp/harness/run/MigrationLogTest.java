package dev.mtcp.harness.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class MigrationLogTest {
    private static ProxyConnection conn(String id, String server, long migrations) {
        return new ProxyConnection(id, server, migrations + 1, migrations, 0, 0, "OPEN");
    }

    private static RunSample at(double seconds, ProxyConnection... connections) {
        return new RunSample(seconds, List.of(connections), List.of());
    }

    @Test
    void shouldRecordEachMoveWithItsServersWhenTheSamplesSeeIt() {
        List<Migration> migrations = MigrationLog.of(List.of(
                at(0.25, conn("a", "s1", 0), conn("b", "s1", 0)),
                at(0.50, conn("a", "s2", 1), conn("b", "s1", 0)),
                at(0.75, conn("a", "s2", 1), conn("b", "s3", 1))));

        assertThat(migrations).containsExactly(new Migration(0.50, "a", "s1", "s2"), new Migration(0.75, "b", "s1", "s3"));
    }

    @Test
    void shouldMarkIntermediateServersUnseenWhenTwoMovesFallBetweenSamples() {
        List<Migration> migrations = MigrationLog.of(List.of(
                at(0.25, conn("a", "s1", 0)),
                at(0.50, conn("a", "s1", 2))));

        assertThat(migrations).containsExactly(new Migration(0.50, "a", "s1", Migration.UNSEEN),
                new Migration(0.50, "a", Migration.UNSEEN, "s1"));
    }

    @Test
    void shouldSkipSamplesTakenBetweenCarriers() {
        List<Migration> migrations = MigrationLog.of(List.of(
                at(0.25, conn("a", "s1", 0)),
                at(0.50, conn("a", "", 0)),
                at(0.75, conn("a", "s2", 1))));

        assertThat(migrations).containsExactly(new Migration(0.75, "a", "s1", "s2"));
    }
}
