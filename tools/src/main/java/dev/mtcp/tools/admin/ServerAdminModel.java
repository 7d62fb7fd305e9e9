package dev.mtcp.tools.admin;

import java.util.Optional;

/** A server's admin model: it can also drain (hint every client away). */
public interface ServerAdminModel extends AdminModel {
    /**
     * Sends MIGRATE_HINT(drain) to every connection.
     *
     * @param toServerId the suggested target, or empty to let each client choose
     * @return how many connections were hinted
     * @throws AdminException 400 for an unknown target server
     */
    int drain(Optional<String> toServerId) throws AdminException;
}
