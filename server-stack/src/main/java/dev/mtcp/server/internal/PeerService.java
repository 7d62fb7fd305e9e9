package dev.mtcp.server.internal;

import dev.mtcp.protocol.ErrorCode;
import dev.mtcp.protocol.ProtocolException;
import dev.mtcp.protocol.frame.Close;
import dev.mtcp.protocol.frame.Commit;
import dev.mtcp.protocol.frame.Fetch;
import dev.mtcp.protocol.frame.Frame;
import dev.mtcp.protocol.frame.PeerHello;
import dev.mtcp.protocol.frame.PeerProof;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The responder side of a peer channel: proves the group key, requires the same proof back (a peer
 * without the key gets nothing more), then serves FETCH and COMMIT until the channel closes.
 */
public final class PeerService {
    private static final Logger log = LoggerFactory.getLogger(PeerService.class);

    /** What the origin does with the peer requests. */
    public interface Handler {
        /** Returns STATE or REJECT for a FETCH. */
        Frame onFetch(Fetch fetch);

        void onCommit(Commit commit);

        /** The answer to a REPLICATE from {@code fromPeer}: REPLICATE_ACK, COMMIT (fenced) or REJECT. */
        Frame onReplicate(String fromPeer, dev.mtcp.protocol.frame.Replicate replicate);
    }

    private final String selfId;
    private final PeerIdentity identity;
    private final Handler handler;
    private final StatsCounters stats;

    public PeerService(String selfId, PeerIdentity identity, Handler handler, StatsCounters stats) {
        this.selfId = selfId;
        this.identity = identity;
        this.handler = handler;
        this.stats = stats;
    }

    /** Serves one channel whose first frame was {@code hello}; returns when the channel closes. */
    public void serve(Carrier link, PeerHello hello) {
        try {
            byte[] counter = identity.newChallenge();
            link.sendNow(new PeerProof(selfId, identity.proveAsResponder(hello.challenge(), selfId, hello.serverId()), counter));
            Frame f = link.read();
            if (f == null) {            // the initiator went away mid-handshake (crashed, timed out): not an auth failure
                log.debug("peer channel from '{}' closed during the handshake", hello.serverId());
                link.close();
                return;
            }
            if (!(f instanceof PeerProof proof) || !proof.serverId().equals(hello.serverId())) {
                throw new ProtocolException(ErrorCode.PEER_AUTH_FAILED, "peer '" + hello.serverId() + "' sent no valid proof");
            }
            identity.verifyInitiator(counter, hello.serverId(), selfId, proof.challengeResponseMac());
            link.readTimeoutMillis(0);
            log.debug("peer channel from {} authenticated", hello.serverId());
            while (true) {
                Frame req = link.read();
                switch (req) {
                    case null -> { link.close(); return; }
                    case Fetch fetch -> link.sendNow(handler.onFetch(fetch));
                    case Commit commit -> handler.onCommit(commit);
                    case dev.mtcp.protocol.frame.Replicate rep -> {
                        link.sendNow(handler.onReplicate(hello.serverId(), rep));
                    }
                    default -> {
                        link.sendNow(new Close(ErrorCode.PROTOCOL_ERROR, "unexpected " + req.type() + " on a peer channel"));
                        link.close();
                        return;
                    }
                }
            }
        } catch (ProtocolException e) {
            if (e.code() == ErrorCode.PEER_AUTH_FAILED) {
                stats.peerAuthFailures.increment();
                log.warn("peer channel from '{}' refused: {}", hello.serverId(), e.getMessage());
            } else {
                log.warn("peer channel from '{}' closed: {}", hello.serverId(), e.getMessage());
            }
            link.close();
        } catch (IOException e) {
            log.debug("peer channel from '{}' ended: {}", hello.serverId(), e.toString());
            link.close();
        }
    }
}
