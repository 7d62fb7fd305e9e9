package dev.mtcp.protocol.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mtcp.protocol.ConnectionId;
import dev.mtcp.protocol.ErrorCode;
import dev.mtcp.protocol.ProtocolException;
import dev.mtcp.protocol.frame.Limits;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class TicketSealerTest {
    private static final GroupKey GROUP = new GroupKey(new byte[32]);
    private static final long NOW = 1_700_000_000_000L;
    private static final Duration MAX_AGE = Duration.ofHours(1);

    private static Ticket ticket(long issuedAt) {
        byte[] kc = new byte[32];
        Arrays.fill(kc, (byte) 9);
        return new Ticket(ConnectionId.random(), "s1", "127.0.0.1:7000", kc, List.of("s2", "s3"), issuedAt);
    }

    private static TicketSealer sealerAt(long nowMillis) {
        return new TicketSealer(GROUP, InstantSource.fixed(Instant.ofEpochMilli(nowMillis)), MAX_AGE);
    }

    private static ErrorCode codeOf(ThrowingRunnable r) {
        try {
            r.run();
        } catch (ProtocolException e) {
            return e.code();
        }
        return null;
    }

    interface ThrowingRunnable {
        void run() throws ProtocolException;
    }

    @Test
    void shouldOpenTheSameTicketWhenSealedByAnotherServerOfTheGroup() throws Exception {
        Ticket t = ticket(NOW);
        byte[] sealed = sealerAt(NOW).seal(t);
        assertThat(sealerAt(NOW + 1000).open(sealed)).isEqualTo(t);
    }

    @Test
    void shouldFitTheWireLimitWhenTheTicketIsAsLargeAsAllowed() throws Exception {
        byte[] kc = new byte[32];
        List<String> backups = java.util.Collections.nCopies(Limits.MAX_SERVERS, "b".repeat(Limits.MAX_ID_BYTES));
        Ticket t = new Ticket(ConnectionId.random(), "o".repeat(Limits.MAX_ID_BYTES), "h".repeat(Limits.MAX_HOST_BYTES),
                kc, backups, NOW);
        byte[] sealed = sealerAt(NOW).seal(t);
        assertThat(sealed.length).isLessThanOrEqualTo(Limits.MAX_TICKET_BYTES);
        assertThat(sealerAt(NOW).open(sealed)).isEqualTo(t);
    }

    @Test
    @DisplayName("MUST-25 flipping any single bit of a sealed ticket is BAD_TICKET")
    void shouldRejectWhenAnySingleBitOfTheTicketIsFlipped() {
        byte[] sealed = sealerAt(NOW).seal(ticket(NOW));
        TicketSealer opener = sealerAt(NOW);
        for (int bit = 0; bit < sealed.length * 8; bit++) {
            byte[] t = sealed.clone();
            t[bit / 8] ^= (byte) (1 << (bit % 8));
            assertThat(codeOf(() -> opener.open(t))).as("bit %d", bit).isEqualTo(ErrorCode.BAD_TICKET);
        }
    }

    @Test
    @DisplayName("MUST-26 a truncated ticket is BAD_TICKET at every length")
    void shouldRejectWhenTheTicketIsTruncated() {
        byte[] sealed = sealerAt(NOW).seal(ticket(NOW));
        TicketSealer opener = sealerAt(NOW);
        for (int len = 0; len < sealed.length; len++) {
            byte[] t = Arrays.copyOf(sealed, len);
            assertThat(codeOf(() -> opener.open(t))).as("length %d", len).isEqualTo(ErrorCode.BAD_TICKET);
        }
    }

    @Test
    @DisplayName("MUST-27 a ticket older than maxAge is TICKET_EXPIRED, by the injected clock")
    void shouldRejectAsExpiredWhenOlderThanMaxAge() throws Exception {
        byte[] sealed = sealerAt(NOW).seal(ticket(NOW));
        assertThat(sealerAt(NOW + MAX_AGE.toMillis()).open(sealed)).isNotNull();
        assertThat(codeOf(() -> sealerAt(NOW + MAX_AGE.toMillis() + 1).open(sealed))).isEqualTo(ErrorCode.TICKET_EXPIRED);
    }

    @Test
    void shouldRejectWhenIssuedFurtherInTheFutureThanTheClockSkew() {
        byte[] sealed = sealerAt(NOW).seal(ticket(NOW + TicketSealer.MAX_CLOCK_SKEW.toMillis() + 1));
        assertThat(codeOf(() -> sealerAt(NOW).open(sealed))).isEqualTo(ErrorCode.BAD_TICKET);
    }

    @Test
    void shouldRejectWhenSealedUnderAnotherGroupKey() {
        byte[] other = new byte[32];
        other[0] = 1;
        byte[] sealed = new TicketSealer(new GroupKey(other), InstantSource.fixed(Instant.ofEpochMilli(NOW)), MAX_AGE)
                .seal(ticket(NOW));
        assertThat(codeOf(() -> sealerAt(NOW).open(sealed))).isEqualTo(ErrorCode.BAD_TICKET);
    }

    @Test
    @DisplayName("MUST-38 records that hold keys never print them")
    void shouldNotRevealTheConnectionKeyWhenPrinted() {
        assertThat(ticket(NOW).toString()).doesNotContain("9, 9").doesNotContainIgnoringCase("connectionKey");
        assertThatThrownBy(() -> new TicketSealer(GROUP, InstantSource.system(), Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
