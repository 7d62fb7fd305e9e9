package dev.mtcp.protocol.frame;

/** Writes one frame's payload (without header) into a {@link WireWriter}; layouts per record Javadoc. */
final class FrameEncoder {
    private FrameEncoder() {
    }

    static void payload(Frame f, WireWriter w) {
        switch (f) {
            case HelloNew h -> w.u16(h.version()).u8(Hello.KIND_NEW).str16(h.service()).raw(h.clientPublicKey());
            case HelloMigrate h -> {
                w.u16(h.version()).u8(Hello.KIND_MIGRATE);
                h.request().writeTo(w);
            }
            case HelloProbe h -> w.u16(h.version()).u8(Hello.KIND_PROBE).i64(h.nonce());
            case Welcome m -> {
                welcomeFields(m, w);
                w.raw(m.mac());
            }
            case Reject r -> w.u16(r.code().wireValue()).str16(r.reason());
            case Data d -> d.writeBytesTo(w.i64(d.offset()));
            case Ack a -> w.i64(a.offset());
            case Ping p -> w.i64(p.id()).i64(p.sendTimeNanos());
            case Pong p -> w.i64(p.id()).i64(p.sendTimeNanos()).u16(p.loadPermille()).i64(p.downEnd());
            case MigrateHint m -> {
                w.u8(m.reason().wireValue()).u16(m.targets().size());
                m.targets().forEach(w::str16);
            }
            case Fin fin -> w.i64(fin.endOffset());
            case Close c -> w.u16(c.code().wireValue()).str16(c.reason());
            case PeerHello p -> w.u16(p.version()).str16(p.serverId()).raw(p.challenge());
            case PeerProof p -> w.str16(p.serverId()).raw(p.challengeResponseMac()).bytes16(p.counterChallenge());
            case Fetch x -> {
                w.id(x.id()).i64(x.newEpoch());
                x.proof().writeTo(w);
                w.str16(x.requesterId());
            }
            case State s -> w.id(s.id()).i64(s.epoch()).raw(s.sealedState());
            case Commit c -> w.id(c.id()).i64(c.epoch());
            case Replicate r -> w.id(r.id()).i64(r.sequence()).raw(r.sealedBytes());
            case ReplicateAck r -> w.id(r.id()).i64(r.sequence());
        }
    }

    /** Every WELCOME field but the mac, in wire order (also what the WELCOME MAC covers). */
    static void welcomeFields(Welcome m, WireWriter w) {
        w.id(m.id()).i64(m.epoch()).str16(m.serverId()).bytes16(m.serverPublicKey()).bytes16(m.ticket())
                .i64(m.upDurable()).i64(m.downStart()).u16(m.alternates().size());
        for (ServerAddress a : m.alternates()) {
            w.str16(a.id()).str16(a.host()).u16(a.port());
        }
    }
}
