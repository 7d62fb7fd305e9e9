package dev.mtcp.client;

import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Objects;

/**
 * A migratory client's configuration. Start from {@link #of} and adjust with {@code with...}.
 *
 * @param service             service name sent in HELLO NEW
 * @param servers             the service's servers; the first is preferred, the next tried on failure
 * @param deadAfter           the floor of the failure detector: a carrier is dead (→ migrate to the best remaining
 *                            server) after no progress and no PONG for max(deadAfter, 4 × the probe timeout from
 *                            the smoothed RTT); default 200 ms
 * @param pingInterval        longest idle time before a PING (PINGs go out only when nothing is received, after
 *                            min(pingInterval, dead time / 2) of silence)
 * @param giveUpAfter         no server could take the connection for this long → the app's streams fail
 * @param connectTimeout      bound on a TCP connect plus handshake to one server
 * @param sendWindowBytes     upstream bytes not yet ACKed by the server before app writes block
 * @param followServerHints   migrate on MIGRATE_HINT (drain) without waiting for a policy
 * @param clock               time for MIGRATE timestamps, pauses, timers
 * @param migrateTimeout      how long a MIGRATE handshake may go without a sign of progress before the client
 *                            gives it up: counted from the moment the MIGRATE is sent (the connect has
 *                            {@code connectTimeout}), and again from the moment the origin fences the old carrier
 *                            (the FETCH reached it and STATE is on its way); a MIGRATE over a slow or lossy path
 *                            needs more than a LAN's 2 s
 */
public record ClientConfig(String service, List<ServiceEndpoint> servers, Duration deadAfter, Duration pingInterval,
                           Duration giveUpAfter, Duration connectTimeout, int sendWindowBytes,
                           boolean followServerHints, InstantSource clock, Duration migrateTimeout) {
    /** The failure detector's floor by default (the "max(4 × probe timeout, 200 ms)"). */
    public static final Duration DEFAULT_DEAD_AFTER = Duration.ofMillis(200);

    public ClientConfig {
        Objects.requireNonNull(service, "service");
        servers = List.copyOf(servers);
        if (servers.isEmpty()) throw new IllegalArgumentException("at least one server is needed");
        if (servers.stream().map(ServiceEndpoint::id).distinct().count() != servers.size()) {
            throw new IllegalArgumentException("server ids must be unique: " + servers);
        }
        positive("deadAfter", deadAfter);
        positive("pingInterval", pingInterval);
        positive("giveUpAfter", giveUpAfter);
        positive("connectTimeout", connectTimeout);
        if (sendWindowBytes < 65536) throw new IllegalArgumentException("sendWindowBytes must be at least 65536, got " + sendWindowBytes);
        Objects.requireNonNull(clock, "clock");
        positive("migrateTimeout", migrateTimeout);
    }

    /** The MIGRATE handshake's progress timeout by default. */
    public static final Duration DEFAULT_MIGRATE_TIMEOUT = Duration.ofSeconds(2);

    /** Defaults: deadAfter max(200 ms, 4 × probe timeout), PING after at most 1 s idle, give up after 10 s, connect timeout 2 s, 4 MiB send window, follow hints, MIGRATE progress timeout 2 s. */
    public static ClientConfig of(String service, List<ServiceEndpoint> servers) {
        return new ClientConfig(service, servers, DEFAULT_DEAD_AFTER, Duration.ofSeconds(1), Duration.ofSeconds(10),
                Duration.ofSeconds(2), 4 * 1024 * 1024, true, InstantSource.system(), DEFAULT_MIGRATE_TIMEOUT);
    }

    public ClientConfig withServers(List<ServiceEndpoint> newServers) {
        return new ClientConfig(service, newServers, deadAfter, pingInterval, giveUpAfter, connectTimeout,
                sendWindowBytes, followServerHints, clock, migrateTimeout);
    }

    public ClientConfig withTimeouts(Duration newDeadAfter, Duration newPingInterval, Duration newGiveUpAfter) {
        return new ClientConfig(service, servers, newDeadAfter, newPingInterval, newGiveUpAfter, connectTimeout,
                sendWindowBytes, followServerHints, clock, migrateTimeout);
    }

    public ClientConfig withSendWindowBytes(int bytes) {
        return new ClientConfig(service, servers, deadAfter, pingInterval, giveUpAfter, connectTimeout, bytes,
                followServerHints, clock, migrateTimeout);
    }

    public ClientConfig withFollowServerHints(boolean follow) {
        return new ClientConfig(service, servers, deadAfter, pingInterval, giveUpAfter, connectTimeout,
                sendWindowBytes, follow, clock, migrateTimeout);
    }

    public ClientConfig withClock(InstantSource newClock) {
        return new ClientConfig(service, servers, deadAfter, pingInterval, giveUpAfter, connectTimeout,
                sendWindowBytes, followServerHints, newClock, migrateTimeout);
    }

    public ClientConfig withMigrateTimeout(Duration timeout) {
        return new ClientConfig(service, servers, deadAfter, pingInterval, giveUpAfter, connectTimeout,
                sendWindowBytes, followServerHints, clock, timeout);
    }

    private static void positive(String name, Duration d) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) throw new IllegalArgumentException(name + " must be positive, got " + d);
    }
}
