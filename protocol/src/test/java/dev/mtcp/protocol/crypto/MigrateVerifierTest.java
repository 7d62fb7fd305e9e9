package dev.mtcp.protocol.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mtcp.protocol.ConnectionId;
import dev.mtcp.protocol.ErrorCode;
import dev.mtcp.protocol.ProtocolException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class MigrateVerifierTest {
    private static final long NOW = 1_800_000_000_000L;
    private final GroupKey group = GroupKey.generate();
    private final InstantSource clock = InstantSource.fixed(Instant.ofEpochMilli(NOW));
    private final TicketSealer sealer = new TicketSealer(group, clock, Duration.ofHours(12));
    private final MigrateVerifier verifier = new MigrateVerifier(sealer, clock, Duration.ofSeconds(30));
    private final ConnectionId id = ConnectionId.random();
    private final byte[] kc = new SecureRandom().generateSeed(32);

    private byte[] ticketFor(ConnectionId cid) {
        return sealer.seal(new Ticket(cid, "s1", "127.0.0.1:7001", kc, List.of("s2"), NOW - 1000));
    }

    private MigrateRequest request(ConnectionId cid, byte[] ticket, byte[] key, long ts) {
        return MigrateSigner.sign(key, cid, ticket, 2, 0, ts, new byte[16], "qos");
    }

    private ErrorCode codeOf(MigrateRequest r) {
        try {
            verifier.verify(r);
            return null;
        } catch (ProtocolException e) {
            return e.code();
        }
    }

    @Test
    void shouldReturnTheTicketWhenTheRequestIsAuthenticAndFresh() throws Exception {
        Ticket t = verifier.verify(request(id, ticketFor(id), kc, NOW + 29_000));
        assertThat(t.originId()).isEqualTo("s1");
        assertThat(t.connectionKey()).isEqualTo(kc);
    }

    @Test
    @DisplayName("MUST-32 a MIGRATE whose timestamp is outside the window is TIMESTAMP_OUT_OF_WINDOW")
    void shouldRejectWhenTheTimestampIsOutsideTheWindow() {
        assertThat(codeOf(request(id, ticketFor(id), kc, NOW - 31_000))).isEqualTo(ErrorCode.TIMESTAMP_OUT_OF_WINDOW);
        assertThat(codeOf(request(id, ticketFor(id), kc, NOW + 31_000))).isEqualTo(ErrorCode.TIMESTAMP_OUT_OF_WINDOW);
    }

    @Test
    @DisplayName("MUST-36 a MIGRATE carrying another connection's ticket is BAD_TICKET")
    void shouldRejectWhenTheTicketBelongsToAnotherConnection() {
        assertThat(codeOf(request(id, ticketFor(ConnectionId.random()), kc, NOW))).isEqualTo(ErrorCode.BAD_TICKET);
    }

    @Test
    @DisplayName("MUST-22 a MIGRATE not signed with the ticket's Kc is BAD_SIGNATURE")
    void shouldRejectWhenSignedWithAKeyOtherThanTheTicketsKc() {
        assertThat(codeOf(request(id, ticketFor(id), new byte[32], NOW))).isEqualTo(ErrorCode.BAD_SIGNATURE);
    }

    @Test
    @DisplayName("MUST-25 a MIGRATE with a forged ticket is BAD_TICKET")
    void shouldRejectWhenTheTicketIsForged() {
        byte[] forged = ticketFor(id);
        forged[forged.length / 2] ^= 4;
        assertThat(codeOf(request(id, forged, kc, NOW))).isEqualTo(ErrorCode.BAD_TICKET);
    }
}
