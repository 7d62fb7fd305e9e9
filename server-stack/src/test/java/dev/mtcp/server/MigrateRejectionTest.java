package dev.mtcp.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mtcp.protocol.ConnectionId;
import dev.mtcp.protocol.ErrorCode;
import dev.mtcp.protocol.crypto.GroupKey;
import dev.mtcp.protocol.crypto.MigrateRequest;
import dev.mtcp.protocol.crypto.MigrateSigner;
import dev.mtcp.protocol.crypto.Ticket;
import dev.mtcp.protocol.crypto.TicketSealer;
import dev.mtcp.protocol.frame.Frame;
import dev.mtcp.protocol.frame.HelloNew;
import dev.mtcp.protocol.frame.Limits;
import dev.mtcp.protocol.frame.Reject;
import dev.mtcp.protocol.frame.Welcome;
import dev.mtcp.server.apps.EchoApp;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Design §5 / issue 3 item 5: every bad MIGRATE gets REJECT with its code, is counted, and the
 * connection on its current server goes on untouched (checked by echoing through it afterwards).
 */
@Timeout(30)
class MigrateRejectionTest {
    private final GroupKey key = GroupKey.generate();
    private final List<MigratoryServer> servers = new ArrayList<>();
    private MigratoryServer s1;
    private MigratoryServer s2;
    private ScriptedClient client;

    @BeforeEach
    void start() throws Exception {
        startCluster(UnaryOperator.identity());
    }

    private void startCluster(UnaryOperator<ServerConfig> tweak) throws Exception {
        for (int i = 1; i <= 2; i++) {
            servers.add(MigratoryServer.start(tweak.apply(ServerConfig.of("s" + i, new InetSocketAddress("127.0.0.1", 0), key)), new EchoApp()));
        }
        for (MigratoryServer a : servers) for (MigratoryServer b : servers) a.addPeer(b.id(), b.address());
        s1 = servers.get(0);
        s2 = servers.get(1);
        client = ScriptedClient.open(s1.address());
        assertStreamGoesOn("first");
    }

    @AfterEach
    void stop() throws Exception {
        if (client != null) client.close();
        servers.forEach(MigratoryServer::close);
        servers.clear();
    }

    @DisplayName("MUST-40: a DATA frame before any HELLO is a PROTOCOL_ERROR: the carrier gets CLOSE/REJECT and is closed")
    @Test
    void shouldCloseACarrierWhoseFirstFrameIsNotAHello() throws Exception {
        Frame answer = ScriptedClient.oneShot(s1.address(), new dev.mtcp.protocol.frame.Data(0, new byte[8]));
        assertThat(answer).satisfiesAnyOf(
                a -> assertThat(a).isNull(),
                a -> assertThat(a).isInstanceOfSatisfying(Reject.class,
                        r -> assertThat(r.code()).isEqualTo(ErrorCode.PROTOCOL_ERROR)),
                a -> assertThat(a).isInstanceOfSatisfying(dev.mtcp.protocol.frame.Close.class,
                        c -> assertThat(c.code()).isEqualTo(ErrorCode.PROTOCOL_ERROR)));
        assertStreamGoesOn("after a carrier that broke the protocol");
    }

    @DisplayName("MUST-11, MUST-35: a MIGRATE whose MAC is wrong gets REJECT(BAD_SIGNATURE) and the connection goes on")
    @Test
    void shouldRejectBadSignatureWhenMacIsWrong() throws Exception {
        MigrateRequest good = client.request(2);
        byte[] wrongKey = new byte[32];
        new SecureRandom().nextBytes(wrongKey);
        MigrateRequest forged = MigrateSigner.sign(wrongKey, good.id(), good.ticket(), 2, 0, good.timestampMillis(), good.nonce(), "evil");
        assertRejected(client.migrate(s2.address(), forged), ErrorCode.BAD_SIGNATURE);
        assertThat(s2.stats().rejected(ErrorCode.BAD_SIGNATURE)).isEqualTo(1);
        assertStreamGoesOn("after bad mac");
    }

    @DisplayName("MUST-33, MUST-34: a stale epoch gets STALE_EPOCH, the same (id, nonce) again gets REPLAY")
    @Test
    void shouldRejectReplayWhenNonceWasSeen() throws Exception {
        MigrateRequest stale = client.request(1);   // valid MAC, epoch not above the current one
        assertRejected(client.migrate(s1.address(), stale), ErrorCode.STALE_EPOCH);
        assertRejected(client.migrate(s1.address(), stale), ErrorCode.REPLAY);
        assertThat(s1.stats().rejected(ErrorCode.REPLAY)).isEqualTo(1);
        assertStreamGoesOn("after replay");
    }

    @Test
    void shouldRejectReplayOfASuccessfulMigrateWhenSentAgain() throws Exception {
        MigrateRequest r = client.request(2);
        assertThat(client.migrate(s2.address(), r)).isInstanceOf(Welcome.class);
        assertStreamGoesOn("on s2");
        try (ScriptedClient attacker = new ScriptedClient()) {
            attacker.id = client.id;
            attacker.kc = client.kc;
            assertRejected(attacker.migrate(s2.address(), r), ErrorCode.REPLAY);
            assertThat(attacker.migrate(s1.address(), r)).isInstanceOf(Reject.class);
        }
        assertStreamGoesOn("on s2 after replays");
    }

    @DisplayName("MUST-34, MUST-35: the origin refuses an epoch not above the last before it fences anything")
    @Test
    void shouldRejectStaleEpochWhenOriginIsAhead() throws Exception {
        assertRejected(client.migrate(s2.address(), client.request(1)), ErrorCode.STALE_EPOCH);
        assertThat(s1.stats().rejected(ErrorCode.STALE_EPOCH)).isEqualTo(1);   // the origin refused to release STATE
        assertThat(s1.stats().migrationsOut()).isZero();
        assertStreamGoesOn("after stale epoch");
    }

    @Test
    void shouldRejectUnknownConnectionWhenTicketIsValidButNobodyHasIt() throws Exception {
        ScriptedClient ghost = new ScriptedClient();
        ghost.id = ConnectionId.random();
        ghost.kc = new byte[32];
        new SecureRandom().nextBytes(ghost.kc);
        TicketSealer sealer = new TicketSealer(key, InstantSource.system(), Duration.ofHours(1));
        ghost.ticket = sealer.seal(new Ticket(ghost.id, "s1", s1.address().getHostString() + ":" + s1.address().getPort(),
                ghost.kc, List.of(), System.currentTimeMillis()));
        assertRejected(ghost.migrate(s2.address(), ghost.request(2)), ErrorCode.UNKNOWN_CONNECTION);
        assertRejected(ghost.migrate(s1.address(), ghost.request(2)), ErrorCode.UNKNOWN_CONNECTION);
        assertThat(s2.stats().rejected(ErrorCode.UNKNOWN_CONNECTION)).isEqualTo(1);
        assertStreamGoesOn("after unknown connection");
    }

    @Test
    void shouldRejectTamperedTicket() throws Exception {
        byte[] t = client.ticket.clone();
        t[t.length / 2] ^= 0x01;
        byte[] original = client.ticket;
        client.ticket = t;
        MigrateRequest r = client.request(2);
        client.ticket = original;
        assertRejected(client.migrate(s2.address(), r), ErrorCode.BAD_TICKET);
        assertThat(s2.stats().rejected(ErrorCode.BAD_TICKET)).isEqualTo(1);
        assertStreamGoesOn("after tampered ticket");
    }

    @Test
    void shouldRejectTimestampOutsideTheWindow() throws Exception {
        MigrateRequest fresh = client.request(2);
        MigrateRequest old = MigrateSigner.sign(client.kc, client.id, client.ticket, 2, 0,
                System.currentTimeMillis() - Duration.ofMinutes(5).toMillis(), fresh.nonce(), "old");
        assertRejected(client.migrate(s2.address(), old), ErrorCode.TIMESTAMP_OUT_OF_WINDOW);
        assertStreamGoesOn("after old timestamp");
    }

    @DisplayName("MUST-39: HELLOs are rate limited per source address (RATE_LIMITED)")
    @Test
    void shouldRateLimitHellosPerSourceAddress() throws Exception {
        stop();
        startCluster(c -> c.withHelloRate(1, 3));   // the NEW in start() took one token
        HelloNew hello = new HelloNew(Limits.VERSION, "test", dev.mtcp.protocol.crypto.KeyExchange.publicKeyBytes(
                dev.mtcp.protocol.crypto.KeyExchange.generate()));
        List<Frame> answers = new ArrayList<>();
        for (int i = 0; i < 4; i++) answers.add(ScriptedClient.oneShot(s1.address(), hello));
        assertThat(answers).anySatisfy(f -> assertThat(f).isInstanceOfSatisfying(Reject.class,
                r -> assertThat(r.code()).isEqualTo(ErrorCode.RATE_LIMITED)));
        assertThat(s1.stats().rejected(ErrorCode.RATE_LIMITED)).isPositive();
        assertStreamGoesOn("after rate limit");
    }

    @Test
    void shouldGivePeerWithoutGroupKeyNothingWhenItAsksForState() throws Exception {
        dev.mtcp.protocol.crypto.PeerAuth wrong = new dev.mtcp.protocol.crypto.PeerAuth(GroupKey.generate());
        try (ScriptedClient intruder = new ScriptedClient()) {
            intruder.socket = new java.net.Socket();
            intruder.socket.connect(s1.address(), 2000);
            intruder.socket.setSoTimeout(5000);
            intruder.reader = new dev.mtcp.protocol.frame.FrameReader(intruder.socket.getInputStream());
            intruder.writer = new dev.mtcp.protocol.frame.FrameWriter(intruder.socket.getOutputStream());
            intruder.writer.write(new dev.mtcp.protocol.frame.PeerHello(Limits.VERSION, "s2", wrong.newChallenge()));
            intruder.writer.flush();
            var proof = (dev.mtcp.protocol.frame.PeerProof) intruder.reader.read();
            intruder.writer.write(new dev.mtcp.protocol.frame.PeerProof("s2",
                    wrong.prove(proof.counterChallenge(), "initiator:s2", "s1"), new byte[0]));
            intruder.writer.write(new dev.mtcp.protocol.frame.Fetch(client.id, 2, client.request(2), "s2"));
            intruder.writer.flush();
            Frame answer;
            try {
                answer = intruder.reader.read();
            } catch (java.io.IOException e) {
                answer = null;   // reset: the server closed on us
            }
            assertThat(answer).isNull();
        }
        assertThat(s1.stats().peerAuthFailures()).isEqualTo(1);
        assertThat(s1.stats().migrationsOut()).isZero();
        assertStreamGoesOn("after intruder");
    }

    private void assertStreamGoesOn(String text) throws Exception {
        byte[] b = ("still here: " + text).getBytes(StandardCharsets.UTF_8);
        assertThat(client.echo(b)).isEqualTo(b);
    }

    private static void assertRejected(Frame answer, ErrorCode code) {
        assertThat(answer).isInstanceOfSatisfying(Reject.class, r -> assertThat(r.code()).isEqualTo(code));
    }
}
