package dev.mtcp.protocol.crypto;

import dev.mtcp.protocol.ConnectionId;
import dev.mtcp.protocol.ErrorCode;
import dev.mtcp.protocol.ProtocolException;
import dev.mtcp.protocol.frame.Limits;
import dev.mtcp.protocol.frame.WireReader;
import dev.mtcp.protocol.frame.WireWriter;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Seals and opens tickets with AES-256-GCM under the group's ticket key ({@code HKDF(group key,
 * "mtcp ticket key v1")}), AAD {@code "mtcp-ticket-v1"}. Plaintext layout:
 * <pre>
 * id(16) originId(str16) originAddress(str16) connectionKey(32) backups(u16 count, str16 each) issuedAtMillis(i64)
 * </pre>
 * Opening fails with BAD_TICKET (truncated, tampered, wrong key, malformed, issued in the future) or
 * TICKET_EXPIRED (older than {@code maxAge} by the injected clock). Thread-safe: share one per server.
 */
public final class TicketSealer {
    /** How far in the future an issue time may lie (clock skew between servers). */
    public static final Duration MAX_CLOCK_SKEW = Duration.ofSeconds(60);
    static final String KEY_LABEL = "mtcp ticket key v1";
    private static final byte[] AAD = "mtcp-ticket-v1".getBytes(StandardCharsets.US_ASCII);

    private final Aead aead;
    private final InstantSource clock;
    private final Duration maxAge;

    public TicketSealer(GroupKey groupKey, InstantSource clock, Duration maxAge) {
        this.aead = new Aead(groupKey.derive(KEY_LABEL), new SecureRandom());
        this.clock = Objects.requireNonNull(clock, "clock");
        this.maxAge = Objects.requireNonNull(maxAge, "maxAge");
        if (maxAge.isNegative() || maxAge.isZero()) {
            throw new IllegalArgumentException("maxAge must be positive, got " + maxAge);
        }
    }

    public byte[] seal(Ticket t) {
        WireWriter w = new WireWriter(256);
        w.id(t.id()).str16(t.originId()).str16(t.originAddress()).raw(t.connectionKey());
        w.u16(t.backups().size());
        t.backups().forEach(w::str16);
        w.i64(t.issuedAtMillis());
        byte[] sealed = aead.seal(w.toByteArray(), AAD);
        if (sealed.length > Limits.MAX_TICKET_BYTES) {
            throw new IllegalArgumentException("sealed ticket is " + sealed.length + " bytes, over " + Limits.MAX_TICKET_BYTES);
        }
        return sealed;
    }

    /**
     * @throws ProtocolException BAD_TICKET or TICKET_EXPIRED
     */
    public Ticket open(byte[] sealed) throws ProtocolException {
        byte[] plain;
        try {
            plain = aead.open(Objects.requireNonNull(sealed, "sealed"), AAD);
        } catch (Aead.Failure f) {
            throw new ProtocolException(ErrorCode.BAD_TICKET, "ticket cannot be opened: " + f.getMessage());
        }
        Ticket t = parse(plain);
        long now = clock.millis();
        if (t.issuedAtMillis() > now + MAX_CLOCK_SKEW.toMillis()) {
            throw new ProtocolException(ErrorCode.BAD_TICKET, "ticket for " + t.id() + " issued in the future");
        }
        if (now - t.issuedAtMillis() > maxAge.toMillis()) {
            throw new ProtocolException(ErrorCode.TICKET_EXPIRED, "ticket for " + t.id() + " expired "
                    + (now - t.issuedAtMillis() - maxAge.toMillis()) + " ms ago");
        }
        return t;
    }

    private static Ticket parse(byte[] plain) throws ProtocolException {
        try {
            WireReader r = new WireReader(plain);
            ConnectionId id = r.id("ticket id");
            String originId = r.str16(1, Limits.MAX_ID_BYTES, "originId");
            String originAddress = r.str16(1, Limits.MAX_HOST_BYTES, "originAddress");
            byte[] key = r.raw(Hkdf.KEY_BYTES, "connectionKey");
            int n = r.count16(Limits.MAX_SERVERS, "backups");
            List<String> backups = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                backups.add(r.str16(1, Limits.MAX_ID_BYTES, "backup"));
            }
            long issued = r.offset("issuedAtMillis");
            r.expectEnd("ticket");
            return new Ticket(id, originId, originAddress, key, backups, issued);
        } catch (ProtocolException e) {
            throw new ProtocolException(ErrorCode.BAD_TICKET, "ticket content malformed: " + e.getMessage());
        }
    }
}
