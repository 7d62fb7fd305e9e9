package dev.mtcp.harness.run;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Derives each connection's migrations from the proxy's samples (its migration counter and serving server). */
final class MigrationLog {
    private MigrationLog() {
    }

    static List<Migration> of(List<RunSample> samples) {
        Map<String, ProxyConnection> last = new HashMap<>();
        List<Migration> migrations = new ArrayList<>();
        for (RunSample sample : samples) {
            for (ProxyConnection c : sample.connections()) {
                if (c.server() == null || c.server().isBlank()) {
                    continue; // between carriers (migrating): the count and server are read once it settles
                }
                ProxyConnection before = last.put(c.id(), c);
                long baseline = before == null ? 0 : before.migrations();
                String from = before == null ? Migration.UNSEEN : before.server();
                long moves = c.migrations() - baseline;
                for (long i = 1; i <= moves; i++) {
                    String to = i == moves ? c.server() : Migration.UNSEEN;
                    migrations.add(new Migration(sample.seconds(), c.id(), i == 1 ? from : Migration.UNSEEN, to));
                }
            }
        }
        return migrations;
    }
}
