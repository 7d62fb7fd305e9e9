package dev.mtcp.client.transparent;

import dev.mtcp.client.config.TransparentListener;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * How a {@link TransparentProxy} behaves.
 *
 * @param listen          where to listen; iptables REDIRECT delivers local connections to 127.0.0.1, so a
 *                        loopback or wildcard address
 * @param installRedirect install the iptables rules at start and remove them at close (needs root)
 * @param exemptUid       the user whose connections are not redirected: the proxy's own user, so its
 *                        connections to the servers are not looped back to it; empty: no exemption
 *                        (only right when the proxy's traffic does not pass this host's OUTPUT chain)
 * @param maxSessions     connections beyond this many are closed at once
 */
public record TransparentSettings(InetSocketAddress listen, boolean installRedirect, OptionalInt exemptUid,
                                  int maxSessions) {

    public static final int DEFAULT_MAX_SESSIONS = 1024;

    public TransparentSettings {
        Objects.requireNonNull(listen, "listen");
        Objects.requireNonNull(exemptUid, "exemptUid");
        if (maxSessions < 1) {
            throw new IllegalArgumentException("maxSessions must be at least 1");
        }
    }

    /** Settings for a configured listener: the rules exempt this process's user. */
    public static TransparentSettings of(TransparentListener l) throws IOException {
        return new TransparentSettings(l.listen().resolve(), l.installRedirect(), OptionalInt.of(currentUid()),
                DEFAULT_MAX_SESSIONS);
    }

    /** The user id this process runs as (the owner of /proc/self). */
    public static int currentUid() throws IOException {
        return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
    }
}
