package dev.mtcp.tools.trace;

import dev.mtcp.protocol.ConnectionId;
import dev.mtcp.protocol.frame.Ack;
import dev.mtcp.protocol.frame.Close;
import dev.mtcp.protocol.frame.Commit;
import dev.mtcp.protocol.frame.Data;
import dev.mtcp.protocol.frame.Fetch;
import dev.mtcp.protocol.frame.Fin;
import dev.mtcp.protocol.frame.Frame;
import dev.mtcp.protocol.frame.HelloMigrate;
import dev.mtcp.protocol.frame.HelloNew;
import dev.mtcp.protocol.frame.HelloProbe;
import dev.mtcp.protocol.frame.MigrateHint;
import dev.mtcp.protocol.frame.PeerHello;
import dev.mtcp.protocol.frame.PeerProof;
import dev.mtcp.protocol.frame.Ping;
import dev.mtcp.protocol.frame.Pong;
import dev.mtcp.protocol.frame.Reject;
import dev.mtcp.protocol.frame.Replicate;
import dev.mtcp.protocol.frame.ReplicateAck;
import dev.mtcp.protocol.frame.State;
import dev.mtcp.protocol.frame.Welcome;
import java.util.Optional;

/**
 * One greppable line per frame: {@code >>} for frames towards the traced port (client or requesting
 * peer to server), {@code <<} for frames from it. Never prints keys, MACs or payload bytes.
 */
final class FrameLine {
    private FrameLine() {}

    /** The connection id a frame names, if it names one. */
    static Optional<ConnectionId> connectionOf(Frame frame) {
        return switch (frame) {
            case HelloMigrate m -> Optional.of(m.request().id());
            case Welcome w -> Optional.of(w.id());
            case Fetch f -> Optional.of(f.id());
            case State s -> Optional.of(s.id());
            case Commit c -> Optional.of(c.id());
            case Replicate r -> Optional.of(r.id());
            case ReplicateAck a -> Optional.of(a.id());
            default -> Optional.empty();
        };
    }

    static String format(boolean towardsPort, Frame frame, Optional<ConnectionId> conn) {
        String arrow = towardsPort ? ">>" : "<<";
        String id = conn.map(ConnectionId::hex).orElse("?");
        String body = switch (frame) {
            case HelloNew h -> "HELLO kind=NEW version=" + h.version() + " service=" + h.service();
            case HelloMigrate h -> "HELLO kind=MIGRATE conn=" + id + " epoch=" + h.request().requestedEpoch()
                    + " downDelivered=" + h.request().downDelivered() + " reason=" + h.request().reason();
            case HelloProbe h -> "HELLO kind=PROBE version=" + h.version();
            case Welcome w -> "WELCOME conn=" + id + " epoch=" + w.epoch() + " server=" + w.serverId()
                    + " upDurable=" + w.upDurable() + " downStart=" + w.downStart()
                    + " alternates=" + w.alternates().size();
            case Reject r -> "REJECT conn=" + id + " code=" + r.code() + " reason=" + r.reason();
            case Data d -> "DATA conn=" + id + " off=" + d.offset() + " len=" + d.bytes().length;
            case Ack a -> "ACK conn=" + id + " off=" + a.offset();
            case Ping p -> "PING conn=" + id + " id=" + p.id();
            case Pong p -> "PONG conn=" + id + " id=" + p.id() + " load=" + p.loadPermille() + "‰ downEnd=" + p.downEnd();
            case MigrateHint h -> "MIGRATE_HINT conn=" + id + " reason=" + h.reason() + " targets=" + h.targets();
            case Fin f -> "FIN conn=" + id + " off=" + f.endOffset();
            case Close c -> "CLOSE conn=" + id + " code=" + c.code() + " reason=" + c.reason();
            case PeerHello p -> "PEER_HELLO server=" + p.serverId();
            case PeerProof p -> "PEER_PROOF server=" + p.serverId();
            case Fetch f -> "FETCH conn=" + id + " epoch=" + f.newEpoch() + " requester=" + f.requesterId();
            case State s -> "STATE conn=" + id + " epoch=" + s.epoch() + " len=" + s.sealedState().length;
            case Commit c -> "COMMIT conn=" + id + " epoch=" + c.epoch();
            case Replicate r -> "REPLICATE conn=" + id + " seq=" + r.sequence() + " len=" + r.sealedDelta().length;
            case ReplicateAck a -> "REPLICATE_ACK conn=" + id + " seq=" + a.sequence();
        };
        return arrow + " " + body;
    }
}
