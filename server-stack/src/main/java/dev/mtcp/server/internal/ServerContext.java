package dev.mtcp.server.internal;

import dev.mtcp.protocol.crypto.StateSealer;
import dev.mtcp.protocol.crypto.TicketSealer;
import dev.mtcp.protocol.frame.ServerAddress;
import dev.mtcp.server.ServerConfig;
import java.util.List;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/** What the handshake and peer code share inside one server. */
public record ServerContext(ServerConfig config, String advertisedAddress, SessionRegistry registry,
                            MigrateGuard guard, TicketSealer tickets, StateSealer stateSealer, PeerPool peers,
                            StatsCounters stats, AppLauncher apps, SessionHost host,
                            Supplier<List<ServerAddress>> alternates, IntSupplier loadPermille,
                            dev.mtcp.server.replication.BackupStore replicas,
                            java.util.function.Function<String, java.net.InetSocketAddress> peerAddress) {
}
