package dev.mtcp.server.internal;

/**
 * Told by a {@link ServerSession} (with its lock held: must not block) that its state changed, so
 * the replicator sends the change to the backups.
 */
public interface ReplicationHook {
    void changed();

    /**
     * Asks every backup whether this server's epoch is still the connection's (the client carrier was
     * lost, or the server was paused): a backup holding it at a newer epoch answers COMMIT and the
     * session is fenced. Called without the session's lock held.
     */
    void confirmEpoch();
}
