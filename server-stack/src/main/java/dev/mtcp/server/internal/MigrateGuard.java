package dev.mtcp.server.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.mtcp.protocol.ConnectionId;
import dev.mtcp.protocol.ErrorCode;
import dev.mtcp.protocol.ProtocolException;
import dev.mtcp.protocol.crypto.MigrateRequest;
import dev.mtcp.protocol.crypto.MigrateSigner;
import dev.mtcp.protocol.crypto.Ticket;
import dev.mtcp.protocol.crypto.TicketSealer;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.InstantSource;

/**
 * The checks every MIGRATE passes before anything else happens (design §5), in this order:
 * the ticket opens under the group key and names the same connection (BAD_TICKET, TICKET_EXPIRED),
 * the MAC verifies under the ticket's connection key (BAD_SIGNATURE), the timestamp is within the
 * window (TIMESTAMP_OUT_OF_WINDOW), the (connection id, nonce) pair is new (REPLAY; Caffeine with
 * TTL = twice the window, the span over which a timestamp can be accepted).
 * The epoch check needs the caller's knowledge of the connection, so it is the caller's.
 */
public final class MigrateGuard {
    private final TicketSealer tickets;
    private final InstantSource clock;
    private final long windowMillis;
    private final Cache<ByteBuffer, Boolean> seen;

    public MigrateGuard(TicketSealer tickets, InstantSource clock, Duration window) {
        this.tickets = tickets;
        this.clock = clock;
        this.windowMillis = window.toMillis();
        this.seen = Caffeine.newBuilder().expireAfterWrite(window.multipliedBy(2))
                .ticker(() -> {
                    var i = clock.instant();
                    return i.getEpochSecond() * 1_000_000_000L + i.getNano();
                })
                .maximumSize(1_000_000).build();
    }

    /** Checks a MIGRATE received from a client; returns the opened ticket. */
    public Ticket checkClientRequest(MigrateRequest r) throws ProtocolException {
        Ticket t = tickets.open(r.ticket());
        if (!t.id().equals(r.id())) {
            throw new ProtocolException(ErrorCode.BAD_TICKET, "ticket is for connection " + t.id() + ", not " + r.id());
        }
        checkSignedFresh(t.connectionKey(), r);
        return t;
    }

    /** Checks a MIGRATE forwarded in a FETCH against the key this (origin) server holds. */
    public void checkForwarded(byte[] connectionKey, ConnectionId id, long newEpoch, MigrateRequest r)
            throws ProtocolException {
        if (!r.id().equals(id) || r.requestedEpoch() != newEpoch) {
            throw new ProtocolException(ErrorCode.BAD_FIELD, "FETCH does not match the MIGRATE it carries");
        }
        checkSignedFresh(connectionKey, r);
    }

    private void checkSignedFresh(byte[] kc, MigrateRequest r) throws ProtocolException {
        MigrateSigner.verify(kc, r);
        long skew = Math.abs(clock.millis() - r.timestampMillis());
        if (skew > windowMillis) {
            throw new ProtocolException(ErrorCode.TIMESTAMP_OUT_OF_WINDOW,
                    "MIGRATE timestamp is " + skew + " ms away from now (window " + windowMillis + " ms)");
        }
        ByteBuffer key = ByteBuffer.allocate(16 + r.nonce().length);
        key.put(r.id().bytes()).put(r.nonce()).flip();
        if (seen.asMap().putIfAbsent(key, Boolean.TRUE) != null) {
            throw new ProtocolException(ErrorCode.REPLAY, "nonce already used for connection " + r.id());
        }
    }
}
