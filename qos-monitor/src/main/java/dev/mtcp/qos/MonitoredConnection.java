package dev.mtcp.qos;

import dev.mtcp.qos.observe.CarrierTuple;
import java.nio.channels.SocketChannel;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * What {@link QosMonitor} needs from a migratory connection: the client stack implements it (the
 * mechanism), the monitor decides (the policy). Every method may be called from the monitor's
 * scheduler thread and must not block.
 */
public interface MonitoredConnection {
    /** The connection id as logs show it (hex). */
    String connectionId();

    /** The id of the server the connection is on now. */
    String currentServer();

    /** Ids of the alternate servers the connection knows (from WELCOME); the current one may be included. */
    List<String> alternates();

    /** The current carrier's channel, for TCP_INFO; empty while there is none (e.g. mid-migration). */
    Optional<SocketChannel> carrier();

    /** The current carrier's 4-tuple, for the pcap observer; empty while there is none. */
    Optional<CarrierTuple> carrierTuple();

    /** Migrates to {@code serverId}; completes when the connection runs there, exceptionally when it failed. */
    CompletableFuture<?> migrate(String serverId, String reason);
}
