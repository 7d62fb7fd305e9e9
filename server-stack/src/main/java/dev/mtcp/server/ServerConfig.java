package dev.mtcp.server;

import dev.mtcp.protocol.crypto.GroupKey;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A server's configuration. Start from {@link #of} and adjust with the {@code with...} methods.
 *
 * @param id                     this server's id in the group (also in tickets and WELCOME)
 * @param listen                 the one port for client carriers and peer channels (port 0 = any)
 * @param groupKey               the group's shared key (tickets, STATE, peer authentication)
 * @param peers                  other servers of the group by id (more may be added at run time)
 * @param backups                peers that would hold this server's replicated state (named in tickets)
 * @param durability             when upstream bytes are ACKed
 * @param inputLogLimitBytes     input log bound (bytes after the last checkpoint) before ACKs stop
 * @param outputLogLimitBytes    output log bound (bytes not ACKed by the client) before app writes block
 * @param sendWindowBytes        downstream bytes in flight on a carrier beyond the client's ACK: what a
 *                               migration may have to resend; at least the path's bandwidth × RTT
 * @param migrateWindow          accepted |now - MIGRATE timestamp|; also the replay cache TTL
 * @param ticketMaxAge           how long a ticket may be used after it was issued
 * @param helloPerSecond         HELLOs accepted per source address and second (token bucket rate)
 * @param helloBurst             token bucket size per source address
 * @param detachedLinger         how long a session without carrier waits for its client to come back
 * @param handshakeTimeout       bound on reading a HELLO and on a FETCH round trip
 * @param capacityConnections    connections that mean 100% load in PONG; a NEW connection arriving
 *                               beyond it gets MIGRATE_HINT(OVERLOAD)
 * @param clock                  time source for tickets, windows, rate limits
 * @param fetchTimeout           bound on each FETCH of a crash failover (origin, then backups): short, so a
 *                               client's MIGRATE completes within its connect timeout even when the origin hangs
 * @param replicaAckTimeout      a backup that acknowledges nothing for this long is dropped from the live set
 * @param cpuOverload            a CPU threshold beyond which NEW connections are hinted away too (off by default)
 */
public record ServerConfig(String id, InetSocketAddress listen, GroupKey groupKey, Map<String, InetSocketAddress> peers,
                           List<String> backups, Durability durability, int inputLogLimitBytes, int outputLogLimitBytes,
                           int sendWindowBytes,
                           Duration migrateWindow, Duration ticketMaxAge, int helloPerSecond, int helloBurst,
                           Duration detachedLinger, Duration handshakeTimeout, int capacityConnections,
                           InstantSource clock, Duration fetchTimeout, Duration replicaAckTimeout,
                           CpuOverload cpuOverload) {
    public static final int DEFAULT_LOG_LIMIT_BYTES = 4 * 1024 * 1024;
    public static final int DEFAULT_SEND_WINDOW_BYTES = 1024 * 1024;

    public ServerConfig {
        Objects.requireNonNull(id, "id");
        if (id.isBlank() || id.length() > 64) throw new IllegalArgumentException("server id must be 1..64 characters: '" + id + "'");
        Objects.requireNonNull(listen, "listen");
        Objects.requireNonNull(groupKey, "groupKey");
        peers = Map.copyOf(peers);
        backups = List.copyOf(backups);
        for (String b : backups) {
            if (!peers.isEmpty() && !peers.containsKey(b)) {
                throw new IllegalArgumentException("backup '" + b + "' is not a configured peer");
            }
            if (b.equals(id)) throw new IllegalArgumentException("server '" + id + "' cannot be its own backup");
        }
        Objects.requireNonNull(durability, "durability");
        if (durability == Durability.ACK_ON_REPLICATE && backups.isEmpty()) {
            throw new IllegalArgumentException("durability ack-on-replicate needs at least one backup");
        }
        positive("inputLogLimitBytes", inputLogLimitBytes);
        positive("outputLogLimitBytes", outputLogLimitBytes);
        if (sendWindowBytes < 65536) throw new IllegalArgumentException("sendWindowBytes must be at least 65536, got " + sendWindowBytes);
        positive("helloPerSecond", helloPerSecond);
        positive("helloBurst", helloBurst);
        positive("capacityConnections", capacityConnections);
        Objects.requireNonNull(cpuOverload, "cpuOverload");
        Objects.requireNonNull(migrateWindow, "migrateWindow");
        Objects.requireNonNull(ticketMaxAge, "ticketMaxAge");
        Objects.requireNonNull(detachedLinger, "detachedLinger");
        Objects.requireNonNull(handshakeTimeout, "handshakeTimeout");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(fetchTimeout, "fetchTimeout");
        Objects.requireNonNull(replicaAckTimeout, "replicaAckTimeout");
    }

    /** Defaults: 4 MiB logs, 1 MiB send window, 30 s migrate window, 24 h tickets, 500 HELLO/s per address (burst 1000), 30 s linger. */
    public static ServerConfig of(String id, InetSocketAddress listen, GroupKey groupKey) {
        return new ServerConfig(id, listen, groupKey, Map.of(), List.of(), Durability.ACK_ON_RECEIVE,
                DEFAULT_LOG_LIMIT_BYTES, DEFAULT_LOG_LIMIT_BYTES, DEFAULT_SEND_WINDOW_BYTES, Duration.ofSeconds(30), Duration.ofHours(24),
                500, 1000, Duration.ofSeconds(30), Duration.ofSeconds(5), 1000, InstantSource.system(),
                Duration.ofMillis(300), Duration.ofSeconds(1), CpuOverload.OFF);
    }

    public ServerConfig withPeers(Map<String, InetSocketAddress> newPeers) {
        return new ServerConfig(id, listen, groupKey, newPeers, backups, durability, inputLogLimitBytes,
                outputLogLimitBytes, sendWindowBytes, migrateWindow, ticketMaxAge, helloPerSecond, helloBurst, detachedLinger,
                handshakeTimeout, capacityConnections, clock, fetchTimeout, replicaAckTimeout, cpuOverload);
    }

    public ServerConfig withLogLimits(int inputBytes, int outputBytes) {
        return new ServerConfig(id, listen, groupKey, peers, backups, durability, inputBytes, outputBytes, sendWindowBytes,
                migrateWindow, ticketMaxAge, helloPerSecond, helloBurst, detachedLinger, handshakeTimeout,
                capacityConnections, clock, fetchTimeout, replicaAckTimeout, cpuOverload);
    }

    /** Backups (peer ids) that receive this server's connection state; durability becomes ack-on-replicate. */
    public ServerConfig withBackups(List<String> newBackups) {
        return new ServerConfig(id, listen, groupKey, peers, newBackups,
                newBackups.isEmpty() ? Durability.ACK_ON_RECEIVE : Durability.ACK_ON_REPLICATE, inputLogLimitBytes,
                outputLogLimitBytes, sendWindowBytes, migrateWindow, ticketMaxAge, helloPerSecond, helloBurst, detachedLinger,
                handshakeTimeout, capacityConnections, clock, fetchTimeout, replicaAckTimeout, cpuOverload);
    }

    public ServerConfig withDurability(Durability d) {
        return new ServerConfig(id, listen, groupKey, peers, backups, d, inputLogLimitBytes,
                outputLogLimitBytes, sendWindowBytes, migrateWindow, ticketMaxAge, helloPerSecond, helloBurst, detachedLinger,
                handshakeTimeout, capacityConnections, clock, fetchTimeout, replicaAckTimeout, cpuOverload);
    }

    public ServerConfig withSendWindowBytes(int bytes) {
        return new ServerConfig(id, listen, groupKey, peers, backups, durability, inputLogLimitBytes,
                outputLogLimitBytes, bytes, migrateWindow, ticketMaxAge, helloPerSecond, helloBurst, detachedLinger,
                handshakeTimeout, capacityConnections, clock, fetchTimeout, replicaAckTimeout, cpuOverload);
    }

    public ServerConfig withHelloRate(int perSecond, int burst) {
        return new ServerConfig(id, listen, groupKey, peers, backups, durability, inputLogLimitBytes,
                outputLogLimitBytes, sendWindowBytes, migrateWindow, ticketMaxAge, perSecond, burst, detachedLinger, handshakeTimeout,
                capacityConnections, clock, fetchTimeout, replicaAckTimeout, cpuOverload);
    }

    public ServerConfig withMigrateWindow(Duration window) {
        return new ServerConfig(id, listen, groupKey, peers, backups, durability, inputLogLimitBytes,
                outputLogLimitBytes, sendWindowBytes, window, ticketMaxAge, helloPerSecond, helloBurst, detachedLinger, handshakeTimeout,
                capacityConnections, clock, fetchTimeout, replicaAckTimeout, cpuOverload);
    }

    public ServerConfig withDetachedLinger(Duration linger) {
        return new ServerConfig(id, listen, groupKey, peers, backups, durability, inputLogLimitBytes,
                outputLogLimitBytes, sendWindowBytes, migrateWindow, ticketMaxAge, helloPerSecond, helloBurst, linger, handshakeTimeout,
                capacityConnections, clock, fetchTimeout, replicaAckTimeout, cpuOverload);
    }

    /** Connections that mean 100 % load; beyond it, NEW connections are hinted away (OVERLOAD). */
    public ServerConfig withCapacityConnections(int connections) {
        return new ServerConfig(id, listen, groupKey, peers, backups, durability, inputLogLimitBytes,
                outputLogLimitBytes, sendWindowBytes, migrateWindow, ticketMaxAge, helloPerSecond, helloBurst,
                detachedLinger, handshakeTimeout, connections, clock, fetchTimeout, replicaAckTimeout, cpuOverload);
    }

    /** A CPU threshold: at or above it NEW connections are hinted away and PONG reports at least the CPU load. */
    public ServerConfig withCpuOverload(CpuOverload overload) {
        return new ServerConfig(id, listen, groupKey, peers, backups, durability, inputLogLimitBytes,
                outputLogLimitBytes, sendWindowBytes, migrateWindow, ticketMaxAge, helloPerSecond, helloBurst,
                detachedLinger, handshakeTimeout, capacityConnections, clock, fetchTimeout, replicaAckTimeout, overload);
    }

    public ServerConfig withClock(InstantSource newClock) {
        return new ServerConfig(id, listen, groupKey, peers, backups, durability, inputLogLimitBytes,
                outputLogLimitBytes, sendWindowBytes, migrateWindow, ticketMaxAge, helloPerSecond, helloBurst, detachedLinger,
                handshakeTimeout, capacityConnections, newClock, fetchTimeout, replicaAckTimeout, cpuOverload);
    }

    /** Backups with an explicit durability mode (ack-on-replicate needs at least one backup). */
    public ServerConfig withBackups(List<String> newBackups, Durability mode) {
        return withBackups(newBackups).withDurability(mode);
    }

    public ServerConfig withFailoverTimeouts(Duration newFetchTimeout, Duration newReplicaAckTimeout) {
        return new ServerConfig(id, listen, groupKey, peers, backups, durability, inputLogLimitBytes,
                outputLogLimitBytes, sendWindowBytes, migrateWindow, ticketMaxAge, helloPerSecond, helloBurst, detachedLinger,
                handshakeTimeout, capacityConnections, clock, newFetchTimeout, newReplicaAckTimeout, cpuOverload);
    }

    /** Whether connections wait for the backups before ACKing and sending (ack-on-replicate). */
    public boolean gatedOnReplication() {
        return durability == Durability.ACK_ON_REPLICATE && !backups.isEmpty();
    }

    private static void positive(String name, long v) {
        if (v <= 0) throw new IllegalArgumentException(name + " must be positive, got " + v);
    }
}
