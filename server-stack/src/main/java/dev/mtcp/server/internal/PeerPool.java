package dev.mtcp.server.internal;

import dev.mtcp.protocol.ErrorCode;
import dev.mtcp.protocol.ProtocolException;
import dev.mtcp.protocol.frame.Commit;
import dev.mtcp.protocol.frame.Fetch;
import dev.mtcp.protocol.frame.Frame;
import dev.mtcp.protocol.frame.Limits;
import dev.mtcp.protocol.frame.PeerHello;
import dev.mtcp.protocol.frame.PeerProof;
import dev.mtcp.protocol.frame.Reject;
import dev.mtcp.protocol.frame.State;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Authenticated peer channels to the other servers, kept open and reused (a FETCH must not pay a TCP
 * and challenge handshake on the migration's critical path). One request at a time per channel;
 * concurrent fetches to the same peer open more channels.
 */
public final class PeerPool implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(PeerPool.class);

    private final String selfId;
    private final PeerIdentity identity;
    private final Function<String, InetSocketAddress> resolve;
    private final int timeoutMillis;
    private final Map<InetSocketAddress, ConcurrentLinkedDeque<Carrier>> idle = new ConcurrentHashMap<>();
    private volatile boolean closed;

    /** @param resolve the address of a peer by id, or null when unknown (then the ticket's address is used) */
    public PeerPool(String selfId, PeerIdentity identity, Function<String, InetSocketAddress> resolve, Duration timeout) {
        this.selfId = selfId;
        this.identity = identity;
        this.resolve = resolve;
        this.timeoutMillis = (int) timeout.toMillis();
    }

    /** FETCH from the origin: its STATE, or a ProtocolException with the origin's REJECT code. */
    public State fetch(String originId, String originAddress, Fetch fetch) throws ProtocolException {
        InetSocketAddress addr = addressOf(originId, originAddress);
        for (int attempt = 0; ; attempt++) {
            Carrier link = null;
            try {
                link = borrow(originId, addr, attempt > 0);
                link.sendNow(fetch);
                Frame reply = link.read();
                if (reply instanceof State s) {
                    giveBack(addr, link);
                    return s;
                }
                if (reply instanceof Reject r) {
                    giveBack(addr, link);
                    throw new ProtocolException(r.code(), "origin " + originId + ": " + r.reason());
                }
                link.close();
                throw new ProtocolException(ErrorCode.STATE_UNAVAILABLE,
                        "origin " + originId + " answered FETCH with " + (reply == null ? "EOF" : reply.type()));
            } catch (IOException e) {
                if (link != null) link.close();
                if (attempt == 0) continue;   // a pooled channel may have gone stale: one retry on a fresh one
                throw new ProtocolException(ErrorCode.STATE_UNAVAILABLE,
                        "origin " + originId + " at " + addr + " unreachable: " + e.getMessage(), e);
            }
        }
    }

    /** Tells the origin the destination holds the connection now. Best effort: the fence already holds. */
    public void commit(String originId, String originAddress, Commit commit) {
        InetSocketAddress addr;
        Carrier link = null;
        try {
            addr = addressOf(originId, originAddress);
            link = borrow(originId, addr, false);
            link.sendNow(commit);
            giveBack(addr, link);
        } catch (IOException | ProtocolException e) {
            if (link != null) link.close();
            log.warn("conn={} COMMIT to origin {} failed: {}", commit.id(), originId, e.getMessage());
        }
    }

    private InetSocketAddress addressOf(String originId, String originAddress) throws ProtocolException {
        InetSocketAddress a = resolve.apply(originId);
        if (a != null) return a;
        int colon = originAddress.lastIndexOf(':');
        if (colon <= 0) throw new ProtocolException(ErrorCode.STATE_UNAVAILABLE, "no address for origin " + originId);
        try {
            return new InetSocketAddress(originAddress.substring(0, colon), Integer.parseInt(originAddress.substring(colon + 1)));
        } catch (IllegalArgumentException e) {
            throw new ProtocolException(ErrorCode.STATE_UNAVAILABLE, "bad origin address '" + originAddress + "'");
        }
    }

    private Carrier borrow(String peerId, InetSocketAddress addr, boolean fresh) throws IOException, ProtocolException {
        if (!fresh) {
            Carrier c = idle.computeIfAbsent(addr, k -> new ConcurrentLinkedDeque<>()).pollFirst();
            if (c != null && !c.isClosed()) return c;
        }
        return open(peerId, addr);
    }

    private void giveBack(InetSocketAddress addr, Carrier link) {
        if (closed) {
            link.close();
            return;
        }
        idle.computeIfAbsent(addr, k -> new ConcurrentLinkedDeque<>()).addFirst(link);
    }

    /** A new authenticated channel to a peer, owned by the caller (replication links). */
    public Carrier openLink(String peerId, InetSocketAddress addr) throws IOException, ProtocolException {
        return open(peerId, addr);
    }

    private Carrier open(String peerId, InetSocketAddress addr) throws IOException, ProtocolException {
        SocketChannel ch = SocketChannel.open();
        try {
            ch.socket().connect(addr, timeoutMillis);
            Carrier link = new Carrier(ch, selfId + "->" + peerId);
            link.readTimeoutMillis(timeoutMillis);
            byte[] challenge = identity.newChallenge();
            link.sendNow(new PeerHello(Limits.VERSION, selfId, challenge));
            if (!(link.read() instanceof PeerProof proof)) {
                throw new ProtocolException(ErrorCode.PEER_AUTH_FAILED, "peer at " + addr + " did not prove the group key");
            }
            identity.verifyResponder(challenge, proof.serverId(), selfId, proof.challengeResponseMac());
            byte[] mine = identity.proveAsInitiator(proof.counterChallenge(), selfId, proof.serverId());
            link.sendNow(new PeerProof(selfId, mine, new byte[0]));
            return link;
        } catch (IOException | ProtocolException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    @Override
    public void close() {
        closed = true;
        idle.values().forEach(q -> q.forEach(Carrier::close));
        idle.clear();
    }
}
