package dev.mtcp.server.replication;

import dev.mtcp.protocol.ConnectionId;
import dev.mtcp.protocol.ErrorCode;
import dev.mtcp.protocol.ProtocolException;
import dev.mtcp.protocol.crypto.StateSealer;
import dev.mtcp.protocol.frame.Commit;
import dev.mtcp.protocol.frame.Frame;
import dev.mtcp.protocol.frame.Reject;
import dev.mtcp.protocol.frame.Replicate;
import dev.mtcp.protocol.frame.ReplicateAck;
import dev.mtcp.server.internal.MigratableState;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The replicated state this server holds as a backup for other servers' connections, epoch-fenced.
 *
 * <p>A REPLICATE is answered with REPLICATE_ACK once applied; with COMMIT(id, epoch) when the
 * connection already moved on to a newer epoch (the sender is fenced and must stop serving it); with
 * REJECT when the delta does not follow what is held (the sender re-bases on a fresh channel).
 * A destination taking the connection over when its origin is gone calls {@link #take}: the replica
 * is fenced at the new epoch, so the old origin can never again make it advance.
 */
public final class BackupStore {
    private static final Logger log = LoggerFactory.getLogger(BackupStore.class);

    private final String selfId;
    private final StateSealer sealer;
    private final InstantSource clock;
    private final long maxIdleMillis;
    private final ConcurrentHashMap<ConnectionId, Replica> replicas = new ConcurrentHashMap<>();

    /** @param maxIdle a replica not updated for this long is forgotten (its origin is gone and nobody took it) */
    public BackupStore(String selfId, StateSealer sealer, InstantSource clock, Duration maxIdle) {
        this.selfId = selfId;
        this.sealer = sealer;
        this.clock = clock;
        this.maxIdleMillis = maxIdle.toMillis();
    }

    /** Applies one REPLICATE from {@code originId}; returns the frame to answer with. */
    public Frame apply(String originId, Replicate r) {
        ReplicaDelta d;
        try {
            d = ReplicaDelta.decode(sealer.open(r.id(), r.sequence(), r.sealedDelta()));
        } catch (ProtocolException e) {
            log.warn("conn={} REPLICATE from {} refused: {}", r.id(), originId, e.getMessage());
            return new Reject(e.code(), "conn " + r.id() + ": " + e.getMessage());
        }
        long now = clock.millis();
        Replica held = replicas.get(r.id());
        if (held != null) {
            synchronized (held) {
                if (d.epoch() < held.epoch || (d.epoch() == held.epoch && held.fenced && !d.base())) {
                    log.info("conn={} REPLICATE from {} at epoch {} fenced: the connection moved on to epoch {}",
                            r.id(), originId, d.epoch(), held.epoch);
                    return new Commit(r.id(), held.epoch);
                }
                if (!d.base()) {
                    if (d.epoch() != held.epoch || r.sequence() <= held.lastSequence || !held.originId.equals(originId)) {
                        return new Reject(ErrorCode.STATE_UNAVAILABLE, "conn " + r.id() + ": delta " + r.sequence()
                                + " does not follow what " + selfId + " holds; send a base");
                    }
                    try {
                        held.apply(d, now);
                    } catch (ProtocolException e) {
                        replicas.remove(r.id(), held);
                        return new Reject(e.code(), e.getMessage());
                    }
                    held.lastSequence = r.sequence();
                    return afterApply(r, d, held);
                }
            }
        } else if (!d.base()) {
            return new Reject(ErrorCode.STATE_UNAVAILABLE, "conn " + r.id() + ": " + selfId + " holds no base; send one");
        }
        try {
            Replica fresh = new Replica(r.id(), originId, r.sequence(), d, now);
            replicas.put(r.id(), fresh);
            return afterApply(r, d, fresh);
        } catch (ProtocolException e) {
            return new Reject(e.code(), e.getMessage());
        }
    }

    private Frame afterApply(Replicate r, ReplicaDelta d, Replica replica) {
        if (d.ended()) {
            replicas.remove(r.id(), replica);
            log.debug("conn={} ended at {}; replica dropped", r.id(), replica.originId);
        }
        return new ReplicateAck(r.id(), r.sequence());
    }

    /** Checks the MIGRATE that asks for the state, given the connection key the replica holds. */
    public interface ProofCheck {
        void check(byte[] connectionKey) throws ProtocolException;
    }

    /**
     * Hands out the state for a takeover at {@code newEpoch} and fences the replica there.
     *
     * @return empty when no replica of the connection is held here
     * @throws ProtocolException STALE_EPOCH when the replica is already at or above {@code newEpoch},
     *                           or what {@code proof} throws
     */
    public Optional<MigratableState> take(ConnectionId id, long newEpoch, long clientDelivered, ProofCheck proof)
            throws ProtocolException {
        Replica held = replicas.get(id);
        if (held == null) return Optional.empty();
        synchronized (held) {
            proof.check(held.connectionKey());
            if (newEpoch < held.epoch || (newEpoch == held.epoch && held.fenced)) {
                throw new ProtocolException(ErrorCode.STALE_EPOCH, "epoch " + newEpoch + " is not above "
                        + held.epoch + " for connection " + id + " (replica at " + selfId + ")");
            }
            held.epoch = newEpoch;
            held.fenced = true;
            held.updatedAtMillis = clock.millis();
            log.info("conn={} state handed out from the replica at {} (origin {}) at epoch {}; replica fenced",
                    id, selfId, held.originId, newEpoch);
            return Optional.of(held.toState(newEpoch, clientDelivered));
        }
    }

    /** The input and output ends a replica holds (tests and status). */
    public Optional<long[]> ends(ConnectionId id) {
        Replica held = replicas.get(id);
        if (held == null) return Optional.empty();
        synchronized (held) {
            return Optional.of(new long[] {held.inEnd(), held.outEnd(), held.epoch});
        }
    }

    /** Forgets replicas nobody updated for the idle limit. */
    public void expireIdle() {
        long now = clock.millis();
        replicas.values().removeIf(r -> {
            synchronized (r) {
                return now - r.updatedAtMillis > maxIdleMillis;
            }
        });
    }

    public int size() {
        return replicas.size();
    }
}
