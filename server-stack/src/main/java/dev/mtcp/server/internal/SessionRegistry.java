package dev.mtcp.server.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.mtcp.protocol.ConnectionId;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The sessions a server holds, by connection id, plus tombstones: the last epoch of connections that
 * ended or moved away, so a MIGRATE or FETCH at an older epoch is refused (fencing, design §5).
 */
public final class SessionRegistry {
    private final Map<ConnectionId, ServerSession> sessions = new ConcurrentHashMap<>();
    private final Cache<ConnectionId, Long> tombstones;

    public SessionRegistry(Duration tombstoneTtl) {
        this.tombstones = Caffeine.newBuilder().expireAfterWrite(tombstoneTtl).maximumSize(1_000_000).build();
    }

    public ServerSession get(ConnectionId id) {
        return sessions.get(id);
    }

    public void put(ServerSession s) {
        sessions.put(s.id(), s);
        tombstones.invalidate(s.id());
    }

    /** Removes {@code s} (only if it is still the registered one) and remembers its last epoch. */
    public void ended(ServerSession s, long lastEpoch) {
        if (sessions.remove(s.id(), s)) {
            tombstones.asMap().merge(s.id(), lastEpoch, Math::max);
        }
    }

    /** The last epoch of a connection that ended or moved away from here. */
    public OptionalLong tombstone(ConnectionId id) {
        Long e = tombstones.getIfPresent(id);
        return e == null ? OptionalLong.empty() : OptionalLong.of(e);
    }

    public Collection<ServerSession> all() {
        return List.copyOf(sessions.values());
    }

    public int size() {
        return sessions.size();
    }
}
