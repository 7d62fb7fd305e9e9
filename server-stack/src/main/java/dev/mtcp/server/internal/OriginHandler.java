package dev.mtcp.server.internal;

import dev.mtcp.protocol.ErrorCode;
import dev.mtcp.protocol.ProtocolException;
import dev.mtcp.protocol.frame.Commit;
import dev.mtcp.protocol.frame.Fetch;
import dev.mtcp.protocol.frame.Frame;
import dev.mtcp.protocol.frame.Reject;
import dev.mtcp.protocol.frame.Replicate;
import dev.mtcp.protocol.frame.State;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The origin's side of FETCH → STATE → COMMIT. Design §5: the origin MUST verify the forwarded
 * MIGRATE itself (MAC under its own copy of Kc, timestamp, its own replay cache, epoch above the
 * current one) before releasing STATE, and then fences the connection at the new epoch.
 */
public final class OriginHandler implements PeerService.Handler {
    private static final Logger log = LoggerFactory.getLogger(OriginHandler.class);
    private final ServerContext ctx;

    public OriginHandler(ServerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Frame onFetch(Fetch fetch) {
        try {
            ServerSession s = ctx.registry().get(fetch.id());
            if (s == null) {
                // a backup hands over its replica (the origin is gone): same checks as the origin, then fenced
                var replica = ctx.replicas().take(fetch.id(), fetch.newEpoch(), fetch.proof().downDelivered(),
                        kc -> ctx.guard().checkForwarded(kc, fetch.id(), fetch.newEpoch(), fetch.proof()));
                if (replica.isPresent()) {
                    ctx.stats().migrationsOut.increment();
                    log.info("conn={} STATE from the replica held here to {} at epoch {}", fetch.id(),
                            fetch.requesterId(), fetch.newEpoch());
                    return new State(fetch.id(), fetch.newEpoch(),
                            ctx.stateSealer().seal(fetch.id(), fetch.newEpoch(), replica.get().encode()));
                }
                OptionalLong gone = ctx.registry().tombstone(fetch.id());
                throw gone.isPresent()
                        ? new ProtocolException(gone.getAsLong() >= fetch.newEpoch() ? ErrorCode.STALE_EPOCH : ErrorCode.FENCED,
                                "connection " + fetch.id() + " left this server at epoch " + gone.getAsLong())
                        : new ProtocolException(ErrorCode.UNKNOWN_CONNECTION, "no connection " + fetch.id() + " at the origin");
            }
            ctx.guard().checkForwarded(s.connectionKey(), fetch.id(), fetch.newEpoch(), fetch.proof());
            MigratableState st = s.fence(fetch.newEpoch(), fetch.proof().downDelivered());
            byte[] sealed = ctx.stateSealer().seal(fetch.id(), fetch.newEpoch(), st.encode());
            ctx.stats().migrationsOut.increment();
            log.debug("conn={} STATE to {} at epoch {} ({} bytes sealed)", fetch.id(), fetch.requesterId(), fetch.newEpoch(),
                    sealed.length);
            return new State(fetch.id(), fetch.newEpoch(), sealed);
        } catch (ProtocolException e) {
            ctx.stats().rejected(e.code());
            log.info("conn={} FETCH from {} refused: {}", fetch.id(), fetch.requesterId(), e.getMessage());
            return new Reject(e.code(), ClientHandshake.truncate(e.getMessage()));
        }
    }

    /** REPLICATE from a server this one backs up: applied, answered (ACK, COMMIT when fenced, REJECT). */
    @Override
    public Frame onReplicate(String fromPeer, Replicate r) {
        return ctx.replicas().apply(fromPeer, r);
    }

    @Override
    public void onCommit(Commit commit) {
        ServerSession s = ctx.registry().get(commit.id());
        if (s != null && s.commit(commit.epoch())) {
            log.debug("conn={} committed at epoch {}", commit.id(), commit.epoch());
        } else if (s != null && s.fencedBy(commit.epoch())) {
            ctx.stats().fencedByPeer.increment();
        }
    }
}
