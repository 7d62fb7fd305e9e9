package dev.mtcp.server.internal;

import dev.mtcp.protocol.ErrorCode;
import dev.mtcp.protocol.ProtocolException;
import dev.mtcp.protocol.frame.Commit;
import dev.mtcp.protocol.frame.Fetch;
import dev.mtcp.protocol.frame.Frame;
import dev.mtcp.protocol.frame.Reject;
import dev.mtcp.protocol.frame.Replicate;
import dev.mtcp.protocol.frame.ReplicateAck;
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
            if (s == null && ctx.replicas().get(fetch.id()).isPresent()) {
                return fromReplica(fetch, ctx.replicas().get(fetch.id()).get());
            }
            if (s == null) {
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
            log.debug("conn={} STATE to {} at epoch {}", fetch.id(), fetch.requesterId(), fetch.newEpoch());
            return new State(fetch.id(), fetch.newEpoch(), sealed);
        } catch (ProtocolException e) {
            ctx.stats().rejected(e.code());
            log.info("conn={} FETCH from {} refused: {}", fetch.id(), fetch.requesterId(), e.getMessage());
            return new Reject(e.code(), ClientHandshake.truncate(e.getMessage()));
        }
    }

    /** A backup hands over its replica (the origin is gone): same checks as the origin, then fence it. */
    private Frame fromReplica(Fetch fetch, Replica replica) throws ProtocolException {
        ctx.guard().checkForwarded(replica.connectionKey(), fetch.id(), fetch.newEpoch(), fetch.proof());
        MigratableState st = replica.fence(fetch.newEpoch(), fetch.proof().downDelivered());
        ctx.stats().migrationsOut.increment();
        log.info("conn={} STATE from replica to {} at epoch {}", fetch.id(), fetch.requesterId(), fetch.newEpoch());
        return new State(fetch.id(), fetch.newEpoch(), ctx.stateSealer().seal(fetch.id(), fetch.newEpoch(), st.encode()));
    }

    /** REPLICATE from a server this one backs up: apply, ACK; a refused delta gets no ACK (the origin's ACKs stall). */
    @Override
    public java.util.Optional<Frame> onReplicate(Replicate r) {
        try {
            ReplicaDelta d = ReplicaDelta.decode(ctx.stateSealer().open(r.id(), r.sequence(), r.sealedDelta()));
            ctx.replicas().apply(r.id(), d);
            return java.util.Optional.of(new ReplicateAck(r.id(), r.sequence()));
        } catch (ProtocolException e) {
            if (e.code() == ErrorCode.FENCED) {
                // the connection moved on (taken from this replica): tell the old origin, so it stops
                long epoch = ctx.replicas().epochOf(r.id()).orElse(0);
                log.info("conn={} REPLICATE from a fenced origin: answering COMMIT at epoch {}", r.id(), epoch);
                return java.util.Optional.of(new Commit(r.id(), epoch));
            }
            log.warn("conn={} REPLICATE {} refused: {}", r.id(), r.sequence(), e.getMessage());
            return java.util.Optional.empty();
        }
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
