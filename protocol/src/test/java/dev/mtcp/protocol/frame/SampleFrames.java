package dev.mtcp.protocol.frame;

import dev.mtcp.protocol.ConnectionId;
import dev.mtcp.protocol.ErrorCode;
import dev.mtcp.protocol.crypto.MigrateRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** At least one instance of every frame record, including edge values (empty lists, max sizes). */
final class SampleFrames {
    private SampleFrames() {
    }

    static byte[] bytes(int n, int seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    static ConnectionId id(int seed) {
        return new ConnectionId(bytes(16, seed));
    }

    static MigrateRequest migrateRequest() {
        return new MigrateRequest(id(1), bytes(300, 2), 7, 123_456_789L, 1_700_000_000_000L, bytes(16, 3),
                "qos: goodput below 1 Mbit/s", bytes(32, 4));
    }

    static List<Frame> all() {
        List<Frame> f = new ArrayList<>();
        f.add(new HelloNew(1, "stream", bytes(32, 5)));
        f.add(new HelloNew(65535, "ü-service-名", bytes(32, 6)));
        f.add(new HelloMigrate(1, migrateRequest()));
        f.add(new HelloProbe(1, -42L));
        f.add(new Welcome(id(7), 1, "s1", bytes(32, 8), bytes(200, 9), 0, 0,
                List.of(new ServerAddress("s2", "127.0.0.2", 7001), new ServerAddress("s3", "example.org", 65535)),
                bytes(32, 10)));
        f.add(new Welcome(id(11), Long.MAX_VALUE, "s9", new byte[0], bytes(Limits.MAX_TICKET_BYTES, 12),
                Long.MAX_VALUE, 5, List.of(), bytes(32, 13)));
        f.add(new Reject(ErrorCode.BAD_SIGNATURE, "signature does not match"));
        f.add(new Reject(ErrorCode.OVERLOADED, ""));
        f.add(new Data(0, new byte[0]));
        f.add(new Data(99, bytes(1000, 14)));
        f.add(new Data(Long.MAX_VALUE - Limits.MAX_DATA_BYTES, bytes(Limits.MAX_DATA_BYTES, 15)));
        f.add(new Ack(0));
        f.add(new Ack(Long.MAX_VALUE));
        f.add(new Ping(Long.MIN_VALUE, 123));
        f.add(new Pong(5, -1, 1000));
        f.add(new Pong(6, 77, 0));
        f.add(new Pong(7, 1, 250, Long.MAX_VALUE));
        f.add(new Pong(8, 0, 0, 65_536));
        f.add(new MigrateHint(HintReason.DRAIN, List.of("s2", "s3")));
        f.add(new MigrateHint(HintReason.ATTACK, List.of()));
        f.add(new MigrateHint(HintReason.OVERLOAD, List.of("x".repeat(Limits.MAX_ID_BYTES))));
        f.add(new Fin(12345));
        f.add(new Close(ErrorCode.NORMAL_CLOSE, "bye"));
        f.add(new Close(ErrorCode.GAVE_UP, "r".repeat(Limits.MAX_REASON_BYTES)));
        f.add(new PeerHello(1, "s1", bytes(32, 16)));
        f.add(new PeerProof("s2", bytes(32, 17), bytes(32, 18)));
        f.add(new PeerProof("s1", bytes(32, 19), new byte[0]));
        f.add(new Fetch(id(20), 8, migrateRequest(), "s2"));
        f.add(new State(id(21), 8, bytes(5000, 22)));
        f.add(new State(id(21), 0, new byte[0]));
        f.add(new Commit(id(23), 8));
        f.add(new Replicate(id(24), 99, bytes(70_000, 25)));
        f.add(new ReplicateAck(id(26), 99));
        return f;
    }
}
