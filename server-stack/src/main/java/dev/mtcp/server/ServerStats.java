package dev.mtcp.server;

import dev.mtcp.protocol.ErrorCode;
import java.util.Map;

/**
 * A snapshot of a server's counters.
 *
 * @param connectionsOpened NEW handshakes completed
 * @param migrationsIn      connections resumed here from another server (or re-attached here)
 * @param migrationsOut     connections handed to another server (STATE sent, fenced here)
 * @param activeConnections sessions currently held
 * @param rejected          REJECTs sent, by code (includes RATE_LIMITED)
 * @param peerAuthFailures  peer channels refused for a bad group-key proof
 * @param hintsSent         MIGRATE_HINTs sent (drain)
 * @param carrierProtocolErrors client carriers closed for a protocol violation (CLOSE with the code)
 * @param fencedByPeer      connections this server stopped because another server had taken them over
 */
public record ServerStats(long connectionsOpened, long migrationsIn, long migrationsOut, long activeConnections,
                          Map<ErrorCode, Long> rejected, long peerAuthFailures, long hintsSent,
                          long carrierProtocolErrors, long fencedByPeer) {
    public ServerStats {
        rejected = Map.copyOf(rejected);
    }

    public long rejected(ErrorCode code) {
        return rejected.getOrDefault(code, 0L);
    }

    public long rejectedTotal() {
        return rejected.values().stream().mapToLong(Long::longValue).sum();
    }
}
