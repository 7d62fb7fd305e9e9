package dev.mtcp.client.transparent;

import java.io.IOException;
import java.net.ProtocolFamily;
import java.nio.channels.ServerSocketChannel;
import java.time.Duration;
import java.util.Objects;

/**
 * Where the transparent proxy's listening socket and its iptables rules live: this host's network
 * ({@link #HOST}), or another network namespace (tests create the listener with a thread that entered
 * the namespace and prefix iptables with {@code ip netns exec NAME}).
 */
public record NetworkContext(ListenerFactory listeners, CommandRunner commands) {

    /** Opens an unbound listening channel of the given family. */
    @FunctionalInterface
    public interface ListenerFactory {
        ServerSocketChannel open(ProtocolFamily family) throws IOException;
    }

    /** This host's network; iptables bounded to 30 s per call. */
    public static final NetworkContext HOST = new NetworkContext(ServerSocketChannel::open,
            CommandRunner.host(Duration.ofSeconds(30)));

    public NetworkContext {
        Objects.requireNonNull(listeners, "listeners");
        Objects.requireNonNull(commands, "commands");
    }
}
