package dev.mtcp.client.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Matches a destination a client asked for (SOCKS CONNECT, or the original destination of a
 * redirected connection) to a configured service:
 *
 * <ol>
 *   <li>by service name: the host equals a service's name, ignoring case and a trailing dot; the port
 *       is ignored ({@code http://video/file} asks for {@code video:80} and gets service {@code video});</li>
 *   <li>by server address: host and port equal one of a service's servers, comparing IP addresses
 *       (server host names are resolved once, when the directory is built) or, for a host name, the
 *       name as configured.</li>
 * </ol>
 *
 * Immutable; safe to share between threads.
 */
public final class ServiceDirectory {

    private static final Logger LOG = LoggerFactory.getLogger(ServiceDirectory.class);

    private record Address(ServiceConfig service, String host, Set<InetAddress> ips, int port) {}

    private final List<ServiceConfig> services;
    private final List<Address> addresses;

    /** Resolves server host names with the system resolver. */
    public ServiceDirectory(List<ServiceConfig> services) {
        this(services, ServiceDirectory::systemResolve);
    }

    /**
     * @param resolver host name to its addresses; an empty list when it does not resolve
     */
    public ServiceDirectory(List<ServiceConfig> services, Function<String, List<InetAddress>> resolver) {
        this.services = List.copyOf(services);
        List<Address> list = new ArrayList<>();
        for (ServiceConfig s : this.services) {
            for (ServerEntry e : s.servers()) {
                Set<InetAddress> ips = Set.copyOf(literal(e.host()).map(List::of).orElseGet(() -> resolver.apply(e.host())));
                list.add(new Address(s, e.host().toLowerCase(Locale.ROOT), ips, e.port()));
            }
        }
        this.addresses = List.copyOf(list);
    }

    public List<ServiceConfig> services() {
        return services;
    }

    /** The service the destination {@code host:port} means, if any. */
    public Optional<ServiceConfig> match(String host, int port) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.endsWith(".")) {
            h = h.substring(0, h.length() - 1);
        }
        for (ServiceConfig s : services) {
            if (s.name().toLowerCase(Locale.ROOT).equals(h)) {
                return Optional.of(s);
            }
        }
        Optional<InetAddress> ip = literal(h);
        for (Address a : addresses) {
            if (a.port() != port) {
                continue;
            }
            boolean same = ip.map(a.ips()::contains).orElse(false) || a.host().equals(h);
            if (same) {
                return Optional.of(a.service());
            }
        }
        return Optional.empty();
    }

    /** The service whose servers include {@code ip:port}. */
    public Optional<ServiceConfig> match(InetAddress ip, int port) {
        return match(ip.getHostAddress(), port);
    }

    /** Every (IP, port) a server of a service is known at: what a transparent redirect must cover. */
    public List<ServerIp> serverIps() {
        return addresses.stream()
                .flatMap(a -> a.ips().stream().map(ip -> new ServerIp(a.service().name(), ip, a.port())))
                .distinct()
                .collect(Collectors.toUnmodifiableList());
    }

    /** One resolved address of a configured server. */
    public record ServerIp(String service, InetAddress ip, int port) {}

    private static Optional<InetAddress> literal(String host) {
        try {
            return Optional.of(InetAddress.ofLiteral(host));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static List<InetAddress> systemResolve(String host) {
        try {
            return Arrays.asList(InetAddress.getAllByName(host));
        } catch (UnknownHostException e) {
            LOG.warn("server host {} does not resolve: destinations are matched to it by name only", host);
            return List.of();
        }
    }
}
