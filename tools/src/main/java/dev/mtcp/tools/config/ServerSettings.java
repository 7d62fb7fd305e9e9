package dev.mtcp.tools.config;

import dev.mtcp.server.Durability;
import dev.mtcp.tools.CommandFailure;
import dev.mtcp.tools.cli.HostPort;
import dev.mtcp.tools.cli.Ids;
import dev.mtcp.tools.cli.ServerRef;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A validated {@code mtcp server} configuration. The compact constructor checks everything that can
 * be checked without opening sockets and throws {@link CommandFailure} (input) with what to fix.
 *
 * @param id this server's id
 * @param listen carriers and peer traffic share this address
 * @param groupKey the group key file
 * @param app the sample app to serve
 * @param root document root of the http app
 * @param peers the other servers of the group
 * @param backups peers that receive this server's checkpoints (crash failover)
 * @param durability when upstream bytes are acknowledged
 * @param admin loopback address of the admin HTTP API
 */
public record ServerSettings(String id, HostPort listen, Path groupKey, AppKind app, Optional<Path> root,
                             List<ServerRef> peers, List<String> backups, Durability durability,
                             Optional<HostPort> admin) {
    public ServerSettings {
        Objects.requireNonNull(listen, "listen");
        Objects.requireNonNull(groupKey, "groupKey");
        Objects.requireNonNull(app, "app");
        Objects.requireNonNull(durability, "durability");
        peers = List.copyOf(peers);
        backups = List.copyOf(backups);
        if (!Ids.isServerId(id)) {
            throw CommandFailure.input("bad --id '" + id
                    + "': use 1..64 letters, digits, '.', '_' or '-', starting with a letter or digit (e.g. s1)");
        }
        checkRoot(app, root);
        checkPeers(id, peers);
        checkBackups(peers, backups, durability);
        admin.ifPresent(a -> SettingsChecks.requireLoopbackAdmin(a));
    }

    private static void checkRoot(AppKind app, Optional<Path> root) {
        if (app == AppKind.HTTP) {
            Path dir = root.orElseThrow(() -> CommandFailure.input(
                    "--app http needs --root DIR: the directory whose files it serves"));
            if (!Files.isDirectory(dir)) {
                throw CommandFailure.input("--root " + dir + " is not a directory");
            }
            if (!Files.isReadable(dir)) {
                throw CommandFailure.input("--root " + dir + " is not readable");
            }
        } else if (root.isPresent()) {
            throw CommandFailure.input("--root applies only to --app http, not --app " + app.label());
        }
    }

    private static void checkPeers(String id, List<ServerRef> peers) {
        Set<String> seen = new HashSet<>();
        for (ServerRef peer : peers) {
            if (peer.id().equals(id)) {
                throw CommandFailure.input("--peer " + peer + " names this server itself (--id " + id
                        + "); list only the other servers");
            }
            if (!seen.add(peer.id())) {
                throw CommandFailure.input("--peer " + peer.id() + " is given twice; each peer id once");
            }
        }
    }

    private static void checkBackups(List<ServerRef> peers, List<String> backups, Durability durability) {
        Set<String> peerIds = peers.stream().map(ServerRef::id).collect(Collectors.toSet());
        for (String backup : backups) {
            if (!peerIds.contains(backup)) {
                throw CommandFailure.input("--backup " + backup + " is not one of the --peer servers "
                        + (peerIds.isEmpty() ? "(none given)" : peerIds.stream().sorted().toList())
                        + "; add --peer " + backup + "=HOST:PORT");
            }
        }
        if (backups.size() != Set.copyOf(backups).size()) {
            throw CommandFailure.input("a --backup is given twice; each backup id once");
        }
        if (durability == Durability.ACK_ON_REPLICATE && backups.isEmpty()) {
            throw CommandFailure.input("--durability ack-on-replicate needs at least one --backup ID "
                    + "(the peer that holds the replicated bytes)");
        }
    }
}
