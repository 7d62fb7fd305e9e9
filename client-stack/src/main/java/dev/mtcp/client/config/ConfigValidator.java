package dev.mtcp.client.config;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Checks a bound {@link RawConfig} and builds the {@link ClientFileConfig}; every error names file, line and field. */
final class ConfigValidator {

    /** Service names double as host names for SOCKS clients: letters, digits, '.', '-', '_'. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,62}");
    private static final int MAX_CREDENTIAL_BYTES = 255;

    private final String source;
    private final LocationIndex index;
    private final Path baseDir;
    private final Map<String, String> listenAddresses = new HashMap<>();

    ConfigValidator(String source, LocationIndex index, Path baseDir) {
        this.source = source;
        this.index = index;
        this.baseDir = baseDir;
    }

    ClientFileConfig validate(RawConfig raw) throws ConfigException {
        List<ServiceConfig> services = services(raw.services());
        if (raw.listeners() == null) {
            throw error("listeners", "missing: a proxy needs at least one listener (forward, socks or transparent)");
        }
        List<ForwardListener> forward = forward(raw.listeners().forward(), services);
        Optional<SocksListener> socks = raw.listeners().socks() == null ? Optional.empty()
                : Optional.of(socks(raw.listeners().socks()));
        Optional<TransparentListener> transparent = raw.listeners().transparent() == null ? Optional.empty()
                : Optional.of(transparent(raw.listeners().transparent()));
        if (forward.isEmpty() && socks.isEmpty() && transparent.isEmpty()) {
            throw error("listeners", "empty: configure at least one of forward, socks, transparent");
        }
        Optional<Path> policy = raw.policy() == null ? Optional.empty() : Optional.of(policy(raw.policy()));
        Optional<HostPort> admin = raw.admin() == null ? Optional.empty() : Optional.of(hostPort("admin", raw.admin()));
        Duration deadAfter = duration("dead_after", raw.deadAfter(), ClientFileConfig.DEFAULT_DEAD_AFTER);
        Duration giveUpAfter = duration("give_up_after", raw.giveUpAfter(), ClientFileConfig.DEFAULT_GIVE_UP_AFTER);
        if (giveUpAfter.compareTo(deadAfter) < 0) {
            throw error("give_up_after", "is shorter than dead_after (" + deadAfter.toMillis() + " ms): a connection"
                    + " would give up before it noticed a dead server");
        }
        Duration migrateTimeout = duration("migrate_timeout", raw.migrateTimeout(), ClientFileConfig.DEFAULT_MIGRATE_TIMEOUT);
        return new ClientFileConfig(source, services, forward, socks, transparent, policy, admin, deadAfter, giveUpAfter,
                migrateTimeout);
    }

    private List<ServiceConfig> services(List<RawConfig.Service> raw) throws ConfigException {
        if (raw == null || raw.isEmpty()) {
            throw error("services", "missing: configure at least one service with its servers");
        }
        List<ServiceConfig> out = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < raw.size(); i++) {
            String at = "services[" + i + "]";
            RawConfig.Service s = raw.get(i);
            if (s == null) {
                throw error(at, "empty entry: a service needs 'name' and 'servers'");
            }
            String name = name(at + ".name", s.name());
            if (!names.add(name.toLowerCase(Locale.ROOT))) {
                throw error(at + ".name", "service '" + name + "' is defined twice");
            }
            out.add(new ServiceConfig(name, servers(at + ".servers", s.servers())));
        }
        return out;
    }

    private List<ServerEntry> servers(String at, List<RawConfig.Server> raw) throws ConfigException {
        if (raw == null || raw.isEmpty()) {
            throw error(at, "missing: a service needs at least one server ({id, host, port})");
        }
        List<ServerEntry> out = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < raw.size(); i++) {
            String here = at + "[" + i + "]";
            RawConfig.Server s = raw.get(i);
            if (s == null) {
                throw error(here, "empty entry: a server needs 'id', 'host' and 'port'");
            }
            String id = name(here + ".id", s.id());
            if (!ids.add(id)) {
                throw error(here + ".id", "server id '" + id + "' appears twice in this service");
            }
            String host = required(here + ".host", s.host());
            if (s.port() == null) {
                throw error(here + ".port", "missing: the server's mtcp port (1..65535)");
            }
            if (s.port() < 1 || s.port() > 65_535) {
                throw error(here + ".port", s.port() + " is not a port: use 1..65535");
            }
            out.add(new ServerEntry(id, host, s.port()));
        }
        return out;
    }

    private List<ForwardListener> forward(List<RawConfig.Forward> raw, List<ServiceConfig> services)
            throws ConfigException {
        if (raw == null) {
            return List.of();
        }
        List<ForwardListener> out = new ArrayList<>();
        for (int i = 0; i < raw.size(); i++) {
            String at = "listeners.forward[" + i + "]";
            RawConfig.Forward f = raw.get(i);
            if (f == null) {
                throw error(at, "empty entry: a forward listener needs 'listen' and 'service'");
            }
            HostPort listen = listen(at + ".listen", f.listen());
            String service = required(at + ".service", f.service());
            if (services.stream().noneMatch(s -> s.name().equals(service))) {
                throw error(at + ".service", "no service named '" + service + "' (services: "
                        + services.stream().map(ServiceConfig::name).collect(Collectors.joining(", ")) + ")");
            }
            out.add(new ForwardListener(listen, service));
        }
        return out;
    }

    private SocksListener socks(RawConfig.Socks raw) throws ConfigException {
        String at = "listeners.socks";
        HostPort listen = listen(at + ".listen", raw.listen());
        List<SocksUser> users = new ArrayList<>();
        Set<String> names = new HashSet<>();
        List<RawConfig.User> rawUsers = raw.users() == null ? List.of() : raw.users();
        for (int i = 0; i < rawUsers.size(); i++) {
            String here = at + ".users[" + i + "]";
            RawConfig.User u = rawUsers.get(i);
            if (u == null) {
                throw error(here, "empty entry: a user needs 'name' and 'password'");
            }
            String name = credential(here + ".name", u.name());
            String password = credential(here + ".password", u.password());
            if (!names.add(name)) {
                throw error(here + ".name", "user '" + name + "' appears twice");
            }
            users.add(new SocksUser(name, password));
        }
        return new SocksListener(listen, users, Boolean.TRUE.equals(raw.passthrough()));
    }

    private TransparentListener transparent(RawConfig.Transparent raw) throws ConfigException {
        String at = "listeners.transparent.listen";
        HostPort listen = listen(at, raw.listen());
        if (!acceptsRedirected(listen.host())) {
            throw error(at, "'" + listen + "': iptables REDIRECT delivers local connections to 127.0.0.1 (::1 for"
                    + " IPv6), so listen on a loopback or wildcard address, e.g. 127.0.0.1:" + listen.port());
        }
        return new TransparentListener(listen, Boolean.TRUE.equals(raw.installRedirect()));
    }

    private static boolean acceptsRedirected(String host) {
        if (host.equalsIgnoreCase("localhost")) {
            return true;
        }
        try {
            InetAddress a = InetAddress.ofLiteral(host);
            return a.isLoopbackAddress() || a.isAnyLocalAddress();
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private HostPort listen(String at, String text) throws ConfigException {
        HostPort hp = hostPort(at, required(at, text));
        if (hp.port() != 0) {
            String key = hp.host().toLowerCase(Locale.ROOT) + ":" + hp.port();
            String previous = listenAddresses.putIfAbsent(key, at);
            if (previous != null) {
                throw error(at, "'" + hp + "' is already used by " + previous + ": each listener needs its own port");
            }
        }
        return hp;
    }

    private HostPort hostPort(String at, String text) throws ConfigException {
        try {
            return HostPort.parse(text);
        } catch (IllegalArgumentException e) {
            throw error(at, e.getMessage());
        }
    }

    private Path policy(String text) throws ConfigException {
        if (text.isBlank()) {
            throw error("policy", "empty: give the path of a QoS policy file, or leave the key out");
        }
        Path p = baseDir == null ? Path.of(text) : baseDir.resolve(text);
        if (!Files.isRegularFile(p)) {
            throw error("policy", "no such file: " + p + " (relative paths are relative to the config file's directory)");
        }
        return p;
    }

    private Duration duration(String at, String text, Duration defaultValue) throws ConfigException {
        if (text == null) {
            return defaultValue;
        }
        Duration d;
        try {
            d = DurationText.parse(text);
        } catch (IllegalArgumentException e) {
            throw error(at, e.getMessage());
        }
        if (d.isZero()) {
            throw error(at, "must be more than zero");
        }
        return d;
    }

    private String name(String at, String value) throws ConfigException {
        String v = required(at, value);
        if (!NAME.matcher(v).matches()) {
            throw error(at, "'" + v + "' is not a valid name: use letters, digits, '.', '-', '_' (at most 63),"
                    + " starting with a letter or digit");
        }
        return v;
    }

    private String credential(String at, String value) throws ConfigException {
        String v = required(at, value);
        int bytes = v.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_CREDENTIAL_BYTES) {
            throw error(at, "is " + bytes + " bytes long; SOCKS5 (RFC 1929) allows at most 255");
        }
        return v;
    }

    private String required(String at, String value) throws ConfigException {
        if (value == null) {
            throw error(at, "missing");
        }
        if (value.isEmpty()) {
            throw error(at, "empty");
        }
        return value;
    }

    private ConfigException error(String field, String problem) {
        LocationIndex.Position pos = index.of(field);
        return new ConfigException(source, pos.line(), pos.column(), field, problem);
    }
}
