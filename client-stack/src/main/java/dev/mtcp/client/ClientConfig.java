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
 * @param deadAfter           no frame from the server for this long while a PING is out → carrier dead → migrate
 * @param pingInterval        PING when nothing was received for this long (RTT samples, liveness)
 * @param giveUpAfter         no server could take the connection for this long → the app's streams fail
 * @param connectTimeout      bound on a TCP connect plus handshake to one server
 * @param sendWindowBytes     upstream bytes not yet ACKed by the server before app writes block
 * @param followServerHints   migrate on MIGRATE_HINT (drain) without waiting for a policy
 * @param clock               time for MIGRATE timestamps, pauses, timers
 */
public record ClientConfig(String service, List<ServiceEndpoint> servers, Duration deadAfter, Duration pingInterval,
                           Duration giveUpAfter, Duration connectTimeout, int sendWindowBytes,
                           boolean followServerHints, InstantSource clock) {
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
    }

    /** Defaults: deadAfter 3 s, PING after 1 s idle, give up after 10 s, connect timeout 2 s, 4 MiB send window, follow hints. */
    public static ClientConfig of(String service, List<ServiceEndpoint> servers) {
        return new ClientConfig(service, servers, Duration.ofSeconds(3), Duration.ofSeconds(1), Duration.ofSeconds(10),
                Duration.ofSeconds(2), 4 * 1024 * 1024, true, InstantSource.system());
    }

    public ClientConfig withServers(List<ServiceEndpoint> newServers) {
        return new ClientConfig(service, newServers, deadAfter, pingInterval, giveUpAfter, connectTimeout,
                sendWindowBytes, followServerHints, clock);
    }

    public ClientConfig withTimeouts(Duration newDeadAfter, Duration newPingInterval, Duration newGiveUpAfter) {
        return new ClientConfig(service, servers, newDeadAfter, newPingInterval, newGiveUpAfter, connectTimeout,
                sendWindowBytes, followServerHints, clock);
    }

    public ClientConfig withSendWindowBytes(int bytes) {
        return new ClientConfig(service, servers, deadAfter, pingInterval, giveUpAfter, connectTimeout, bytes,
                followServerHints, clock);
    }

    public ClientConfig withFollowServerHints(boolean follow) {
        return new ClientConfig(service, servers, deadAfter, pingInterval, giveUpAfter, connectTimeout,
                sendWindowBytes, follow, clock);
    }

    public ClientConfig withClock(InstantSource newClock) {
        return new ClientConfig(service, servers, deadAfter, pingInterval, giveUpAfter, connectTimeout,
                sendWindowBytes, followServerHints, newClock);
    }

    private static void positive(String name, Duration d) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) throw new IllegalArgumentException(name + " must be positive, got " + d);
    }
}
