package dev.mtcp.protocol.crypto;

import dev.mtcp.protocol.ErrorCode;
import dev.mtcp.protocol.ProtocolException;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Objects;

/**
 * The stateless part of checking a MIGRATE (at the destination on HELLO, at the origin on FETCH):
 * open the ticket, match its connection id, verify the MAC with the ticket's Kc, check the timestamp
 * window. What needs memory (the replay cache of (id, nonce), the last epoch, fencing) is the server
 * stack's; see docs/protocol.md MUST-33..MUST-35. Thread-safe.
 */
public final class MigrateVerifier {
    private final TicketSealer tickets;
    private final InstantSource clock;
    private final Duration window;

    public MigrateVerifier(TicketSealer tickets, InstantSource clock, Duration window) {
        this.tickets = Objects.requireNonNull(tickets, "tickets");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.window = Objects.requireNonNull(window, "window");
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("window must be positive, got " + window);
        }
    }

    /** The replay-cache TTL the caller should use: as long as a timestamp stays acceptable. */
    public Duration window() {
        return window;
    }

    /**
     * @return the opened ticket (its Kc, origin and backups) when the request is authentic and fresh
     * @throws ProtocolException BAD_TICKET / TICKET_EXPIRED (ticket), BAD_TICKET (ticket of another
     *                           connection), BAD_SIGNATURE (mac), TIMESTAMP_OUT_OF_WINDOW (clock)
     */
    public Ticket verify(MigrateRequest request) throws ProtocolException {
        Ticket t = tickets.open(request.ticket());
        if (!t.id().equals(request.id())) {
            throw new ProtocolException(ErrorCode.BAD_TICKET,
                    "ticket belongs to connection " + t.id() + ", not " + request.id());
        }
        MigrateSigner.verify(t.connectionKey(), request);
        long skew = Math.abs(clock.millis() - request.timestampMillis());
        if (skew > window.toMillis()) {
            throw new ProtocolException(ErrorCode.TIMESTAMP_OUT_OF_WINDOW, "MIGRATE for " + request.id()
                    + " is " + skew + " ms off this server's clock, window " + window.toMillis() + " ms");
        }
        return t;
    }
}
