package dev.mtcp.tools.admin;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * What the admin HTTP API needs from a running proxy or server. The {@link AdminServer} only talks
 * to this interface, so it is tested with an in-test model and wired to the real stacks by
 * thin adapters.
 */
public interface AdminModel {
    /** "proxy" or "server": shown in errors. */
    String role();

    /**
     * The connections now, as records serialized to JSON with their component names as keys
     * (for the proxy: {@link ConnectionView}).
     */
    List<? extends Record> connections();

    /**
     * Starts migrating one connection (hex id) or every connection ({@code "all"}).
     *
     * @param selector a 32-hex-digit connection id or {@code "all"} (already validated)
     * @param toServerId the target server, or empty for "the next server in the list"
     * @return completes with one outcome per connection asked to move (empty list when none)
     * @throws AdminException 404 for an unknown connection, 400 for an unknown target server
     */
    CompletableFuture<List<MigrationOutcome>> migrate(String selector, Optional<String> toServerId) throws AdminException;
}
