package dev.mtcp.protocol.frame;

import dev.mtcp.protocol.ConnectionId;
import dev.mtcp.protocol.ErrorCode;
import dev.mtcp.protocol.ProtocolException;
import dev.mtcp.protocol.crypto.MigrateRequest;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes one complete payload of a known type. Every field is range-checked; trailing bytes, short
 * payloads, unknown enum values and values a record refuses are BAD_FIELD.
 */
final class FrameDecoder {
    private FrameDecoder() {
    }

    static Frame decode(FrameType type, byte[] payload, int offset, int length) throws ProtocolException {
        WireReader r = new WireReader(payload, offset, length);
        try {
            Frame f = decode(type, r);
            r.expectEnd(type.name());
            return f;
        } catch (IllegalArgumentException e) {
            throw new ProtocolException(ErrorCode.BAD_FIELD, type + ": " + e.getMessage());
        }
    }

    private static Frame decode(FrameType type, WireReader r) throws ProtocolException {
        return switch (type) {
            case HELLO -> hello(r);
            case WELCOME -> welcome(r);
            case REJECT -> new Reject(ErrorCode.fromWire(r.u16("code")), r.str16(0, Limits.MAX_REASON_BYTES, "reason"));
            case DATA -> new Data(r.offset("offset"), r.rest());
            case ACK -> new Ack(r.offset("offset"));
            case PING -> new Ping(r.i64("id"), r.i64("sendTimeNanos"));
            case PONG -> new Pong(r.i64("id"), r.i64("sendTimeNanos"), r.u16("loadPermille"), r.i64("downEnd"));
            case MIGRATE_HINT -> new MigrateHint(HintReason.fromWire(r.u8("reason")), ids(r, "targets"));
            case FIN -> new Fin(r.offset("endOffset"));
            case CLOSE -> new Close(ErrorCode.fromWire(r.u16("code")), r.str16(0, Limits.MAX_REASON_BYTES, "reason"));
            case PEER_HELLO -> new PeerHello(r.u16("version"), serverId(r, "serverId"), r.raw(Limits.CHALLENGE_BYTES, "challenge"));
            case PEER_PROOF -> new PeerProof(serverId(r, "serverId"), r.raw(Limits.MAC_BYTES, "challengeResponseMac"),
                    r.bytes16Optional(Limits.CHALLENGE_BYTES, "counterChallenge"));
            case FETCH -> new Fetch(r.id("id"), r.offset("newEpoch"), MigrateRequest.readFrom(r), serverId(r, "requesterId"));
            case STATE -> new State(r.id("id"), r.offset("epoch"), r.rest());
            case COMMIT -> new Commit(r.id("id"), r.offset("epoch"));
            case REPLICATE -> new Replicate(r.id("id"), r.offset("sequence"), r.rest());
            case REPLICATE_ACK -> new ReplicateAck(r.id("id"), r.offset("sequence"));
        };
    }

    private static Hello hello(WireReader r) throws ProtocolException {
        int version = r.u16("version");
        int kind = r.u8("kind");
        return switch (kind) {
            case Hello.KIND_NEW -> new HelloNew(version, r.str16(1, Limits.MAX_SERVICE_BYTES, "service"),
                    r.raw(Limits.PUBLIC_KEY_BYTES, "clientPublicKey"));
            case Hello.KIND_MIGRATE -> new HelloMigrate(version, MigrateRequest.readFrom(r));
            case Hello.KIND_PROBE -> new HelloProbe(version, r.i64("nonce"));
            default -> throw new ProtocolException(ErrorCode.BAD_FIELD, "unknown HELLO kind " + kind);
        };
    }

    private static Welcome welcome(WireReader r) throws ProtocolException {
        ConnectionId id = r.id("id");
        long epoch = r.offset("epoch");
        String serverId = serverId(r, "serverId");
        byte[] serverKey = r.bytes16Optional(Limits.PUBLIC_KEY_BYTES, "serverPublicKey");
        byte[] ticket = r.bytes16(1, Limits.MAX_TICKET_BYTES, "ticket");
        long upDurable = r.offset("upDurable");
        long downStart = r.offset("downStart");
        int n = r.count16(Limits.MAX_SERVERS, "alternates");
        List<ServerAddress> alternates = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            alternates.add(new ServerAddress(serverId(r, "alternate id"),
                    r.str16(1, Limits.MAX_HOST_BYTES, "alternate host"), r.u16("alternate port")));
        }
        byte[] mac = r.raw(Limits.MAC_BYTES, "mac");
        return new Welcome(id, epoch, serverId, serverKey, ticket, upDurable, downStart, alternates, mac);
    }

    private static List<String> ids(WireReader r, String field) throws ProtocolException {
        int n = r.count16(Limits.MAX_SERVERS, field);
        List<String> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(serverId(r, field));
        }
        return out;
    }

    private static String serverId(WireReader r, String field) throws ProtocolException {
        return r.str16(1, Limits.MAX_ID_BYTES, field);
    }
}
