package dev.mtcp.server.internal;

/**
 * Told by a {@link ServerSession} (with its lock held: must not block) that its state changed, so
 * the replicator sends the change to the backups.
 */
public interface ReplicationHook {
    void changed();
}
