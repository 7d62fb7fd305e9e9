package dev.mtcp.server.replication;

import dev.mtcp.protocol.ErrorCode;
import dev.mtcp.protocol.ProtocolException;
import dev.mtcp.protocol.crypto.MigrateRequest;
import dev.mtcp.protocol.crypto.StateSealer;
import dev.mtcp.protocol.crypto.Ticket;
import dev.mtcp.protocol.frame.Commit;
import dev.mtcp.protocol.frame.Fetch;
import dev.mtcp.protocol.frame.State;
import dev.mtcp.protocol.carrier.Carrier;
import dev.mtcp.server.internal.MigratableState;
import dev.mtcp.server.internal.PeerPool;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a destination gets a connection's state: from its origin when the origin answers (live
 * migration), else from the backups the ticket names (crash failover): this server's own
 * {@link BackupStore} when it is one of them, the others by FETCH, all asked at once within the
 * fetch timeout. Every replica asked is fenced at the new epoch; the most advanced state wins (they
 * are prefixes of one history). After a takeover from a backup the origin is told by COMMIT, in the
 * background and retried with a backoff for the ticket lifetime ({@link OriginFencer}), so a paused or
 * partitioned origin learns it was fenced when it comes back.
 */
public final class StateLocator {
    private static final Logger log = LoggerFactory.getLogger(StateLocator.class);
    private static final Comparator<MigratableState> PROGRESS = Comparator
            .comparingLong(MigratableState::inEnd).thenComparingLong(MigratableState::outEnd)
            .thenComparingLong(MigratableState::inSnap).thenComparingLong(MigratableState::outSnap)
            .thenComparing(s -> s.downFin() >= 0).thenComparing(MigratableState::appDone);

    /** Where the state came from. */
    public record Located(MigratableState state, String source, boolean fromOrigin) {
    }

    private final String selfId;
    private final PeerPool livePool;
    private final PeerPool failoverPool;
    private final BackupStore store;
    private final StateSealer sealer;
    private final Function<String, InetSocketAddress> resolve;
    private final long fetchTimeoutMillis;
    private final OriginFencer originFencer;

    /**
     * @param livePool     the server's peer pool (origin fetch when the ticket names no backup)
     * @param failoverPool a pool with the short fetch timeout (origin and backups when there are backups)
     * @param commitWindow how long an unreachable origin is retried with the COMMIT of a takeover (the ticket lifetime)
     */
    public StateLocator(String selfId, PeerPool livePool, PeerPool failoverPool, BackupStore store, StateSealer sealer,
                        Function<String, InetSocketAddress> resolve, Duration fetchTimeout, InstantSource clock,
                        Duration commitWindow) {
        this.selfId = selfId;
        this.livePool = livePool;
        this.failoverPool = failoverPool;
        this.store = store;
        this.sealer = sealer;
        this.resolve = resolve;
        this.fetchTimeoutMillis = fetchTimeout.toMillis();
        this.originFencer = new OriginFencer(this::tryCommit, clock, commitWindow);
    }

    public Located locate(Ticket t, MigrateRequest r) throws ProtocolException {
        Fetch fetch = new Fetch(r.id(), r.requestedEpoch(), r, selfId);
        boolean backups = !t.backups().isEmpty();
        String originError;
        if (!t.originId().equals(selfId)) {
            try {
                // a failover gives the (probably dead) origin a short FETCH; a live migration waits for it
                State st = (backups && r.isFailover() ? failoverPool : livePool).fetch(t.originId(), t.originAddress(), fetch);
                return new Located(open(r, st), t.originId(), true);
            } catch (ProtocolException e) {
                if (!backups) throw e;
                originError = e.getMessage();
            }
        } else {
            if (!backups) throw new ProtocolException(ErrorCode.UNKNOWN_CONNECTION, "no connection " + r.id() + " here");
            originError = "this server lost it (restarted)";
        }
        return fromBackups(t, r, fetch, originError);
    }

    private Located fromBackups(Ticket t, MigrateRequest r, Fetch fetch, String originError) throws ProtocolException {
        List<String> errors = new ArrayList<>();
        errors.add("origin " + t.originId() + ": " + originError);
        List<CompletableFuture<Located>> asks = new ArrayList<>();
        try (var exec = Executors.newVirtualThreadPerTaskExecutor()) {
            for (String b : t.backups()) {
                if (b.equals(selfId)) {
                    asks.add(CompletableFuture.supplyAsync(() -> local(t, r), exec));
                } else {
                    asks.add(CompletableFuture.supplyAsync(() -> remote(b, r, fetch), exec));
                }
            }
            List<Located> found = new ArrayList<>();
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(fetchTimeoutMillis * 2);
            for (int i = 0; i < asks.size(); i++) {
                try {
                    long left = Math.max(1, deadline - System.nanoTime());
                    found.add(asks.get(i).get(left, TimeUnit.NANOSECONDS));
                } catch (ExecutionException e) {
                    errors.add("backup " + t.backups().get(i) + ": " + e.getCause().getMessage());
                } catch (TimeoutException e) {
                    errors.add("backup " + t.backups().get(i) + ": no answer in time");
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new ProtocolException(ErrorCode.STATE_UNAVAILABLE, "interrupted while fetching " + r.id());
                }
            }
            exec.shutdownNow();
            Optional<Located> best = found.stream().max(Comparator.comparing(Located::state, PROGRESS));
            if (best.isEmpty()) {
                throw new ProtocolException(ErrorCode.STATE_UNAVAILABLE,
                        "no server holds connection " + r.id() + ": " + String.join("; ", errors));
            }
            log.info("conn={} origin {} unavailable ({}); state taken from the replica at {}",
                    r.id(), t.originId(), originError, best.get().source());
            return best.get();
        }
    }

    private Located local(Ticket t, MigrateRequest r) {
        try {
            MigratableState st = store.take(r.id(), r.requestedEpoch(), r.downDelivered(), kc -> {
                if (!Arrays.equals(kc, t.connectionKey())) {
                    throw new ProtocolException(ErrorCode.BAD_SIGNATURE, "replica key does not match the ticket");
                }
            }).orElseThrow(() -> new ProtocolException(ErrorCode.UNKNOWN_CONNECTION, "no replica here"));
            return new Located(st, selfId, false);
        } catch (ProtocolException e) {
            throw new java.util.concurrent.CompletionException(e);
        }
    }

    private Located remote(String backupId, MigrateRequest r, Fetch fetch) {
        try {
            State st = failoverPool.fetch(backupId, "", fetch);
            return new Located(open(r, st), backupId, false);
        } catch (ProtocolException e) {
            throw new java.util.concurrent.CompletionException(e);
        }
    }

    private MigratableState open(MigrateRequest r, State st) throws ProtocolException {
        return MigratableState.decode(sealer.open(r.id(), r.requestedEpoch(), st.sealedState()));
    }

    /**
     * Tells the origin, when it can be reached, that the connection moved on at {@code commit.epoch()}
     * (it was taken from a backup): a paused or partitioned origin then closes its copy. Retried with a
     * backoff for the ticket lifetime.
     */
    public void fenceOriginLater(Ticket t, Commit commit) {
        if (t.originId().equals(selfId)) return;
        originFencer.tell(t.originId(), commit);
    }

    /** Stops telling origins (server crash or shutdown). */
    public void close() {
        originFencer.close();
    }

    private boolean tryCommit(String originId, List<Commit> commits) {
        InetSocketAddress addr = resolve.apply(originId);
        if (addr == null) return false;
        try (Carrier link = failoverPool.openLink(originId, addr)) {
            for (Commit commit : commits) link.sendNow(commit);
            return true;
        } catch (IOException | ProtocolException e) {
            return false;
        }
    }
}
