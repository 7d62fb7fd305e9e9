package dev.mtcp.server.internal;

import dev.mtcp.protocol.ErrorCode;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/** The server's live counters (thread-safe); {@code MigratoryServer.stats()} snapshots them. */
public final class StatsCounters {
    public final LongAdder connectionsOpened = new LongAdder();
    public final LongAdder migrationsIn = new LongAdder();
    public final LongAdder migrationsOut = new LongAdder();
    public final LongAdder peerAuthFailures = new LongAdder();
    public final LongAdder hintsSent = new LongAdder();
    public final LongAdder carrierProtocolErrors = new LongAdder();
    public final LongAdder fencedByPeer = new LongAdder();
    private final Map<ErrorCode, LongAdder> rejected = new EnumMap<>(ErrorCode.class);

    public StatsCounters() {
        for (ErrorCode c : ErrorCode.values()) rejected.put(c, new LongAdder());
    }

    public void rejected(ErrorCode code) {
        rejected.get(code).increment();
    }

    public Map<ErrorCode, Long> rejectedSnapshot() {
        Map<ErrorCode, Long> m = new EnumMap<>(ErrorCode.class);
        rejected.forEach((k, v) -> {
            long n = v.sum();
            if (n > 0) m.put(k, n);
        });
        return m;
    }
}
