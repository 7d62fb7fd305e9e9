package dev.mtcp.client.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A parsed and validated client configuration file ({@code mtcp proxy --config FILE}). Build one with
 * {@link ClientConfigParser}; every invariant below has been checked there with an error that names
 * the file, line and field.
 *
 * @param source      the file it was read from (or a name for text parsed from memory)
 * @param services    at least one; names unique
 * @param forward     port-forward listeners (possibly none)
 * @param socks       the SOCKS5 listener, if configured
 * @param transparent the Linux transparent listener, if configured
 * @param policy      the QoS policy file, resolved against the config file's directory
 * @param admin       the admin HTTP address
 * @param deadAfter   a carrier silent this long is considered dead (the connection migrates)
 * @param giveUpAfter with no server reachable for this long the connection fails
 * @param migrateTimeout a MIGRATE handshake without a sign of progress for this long is given up
 *                    ({@link dev.mtcp.client.ClientConfig#migrateTimeout()})
 */
public record ClientFileConfig(
        String source,
        List<ServiceConfig> services,
        List<ForwardListener> forward,
        Optional<SocksListener> socks,
        Optional<TransparentListener> transparent,
        Optional<Path> policy,
        Optional<HostPort> admin,
        Duration deadAfter,
        Duration giveUpAfter,
        Duration migrateTimeout) {

    /** Default for {@code dead_after}. */
    public static final Duration DEFAULT_DEAD_AFTER = Duration.ofSeconds(3);
    /** Default for {@code give_up_after}: issue 4's bound on how long an app waits when no server is left. */
    public static final Duration DEFAULT_GIVE_UP_AFTER = Duration.ofSeconds(10);
    /** Default for {@code migrate_timeout}. */
    public static final Duration DEFAULT_MIGRATE_TIMEOUT = dev.mtcp.client.ClientConfig.DEFAULT_MIGRATE_TIMEOUT;

    public ClientFileConfig {
        Objects.requireNonNull(source, "source");
        services = List.copyOf(services);
        forward = List.copyOf(forward);
        Objects.requireNonNull(socks, "socks");
        Objects.requireNonNull(transparent, "transparent");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(admin, "admin");
        Objects.requireNonNull(deadAfter, "deadAfter");
        Objects.requireNonNull(giveUpAfter, "giveUpAfter");
        Objects.requireNonNull(migrateTimeout, "migrateTimeout");
    }

    /** The service with this name (exact match), if any. */
    public Optional<ServiceConfig> service(String name) {
        return services.stream().filter(s -> s.name().equals(name)).findFirst();
    }
}
