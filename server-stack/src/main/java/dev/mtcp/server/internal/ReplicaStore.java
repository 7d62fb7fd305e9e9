package dev.mtcp.server.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.mtcp.protocol.ConnectionId;
import dev.mtcp.protocol.ProtocolException;
import java.time.Duration;
import java.util.Optional;

/** The replicas this server holds as a backup of other servers' connections. */
public final class ReplicaStore {
    private final Cache<ConnectionId, Replica> replicas;

    public ReplicaStore(Duration idleTtl) {
        this.replicas = Caffeine.newBuilder().expireAfterAccess(idleTtl).maximumSize(1_000_000).build();
    }

    void apply(ConnectionId id, ReplicaDelta d) throws ProtocolException {
        replicas.get(id, Replica::new).apply(d);
    }

    Optional<Replica> get(ConnectionId id) {
        return Optional.ofNullable(replicas.getIfPresent(id)).filter(Replica::ready);
    }

    /** The replica's epoch, also when it was fenced (handed over). */
    java.util.OptionalLong epochOf(ConnectionId id) {
        Replica r = replicas.getIfPresent(id);
        return r == null ? java.util.OptionalLong.empty() : java.util.OptionalLong.of(r.epoch());
    }

    public boolean has(ConnectionId id) {
        return get(id).isPresent();
    }

    void remove(ConnectionId id) {
        replicas.invalidate(id);
    }

    public long size() {
        return replicas.estimatedSize();
    }
}
