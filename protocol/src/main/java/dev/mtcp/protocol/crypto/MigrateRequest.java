package dev.mtcp.protocol.crypto;

import dev.mtcp.protocol.ConnectionId;
import dev.mtcp.protocol.ProtocolException;
import dev.mtcp.protocol.frame.Fields;
import dev.mtcp.protocol.frame.Limits;
import dev.mtcp.protocol.frame.WireReader;
import dev.mtcp.protocol.frame.WireWriter;
import java.util.Arrays;
import java.util.Objects;

/**
 * A client's signed request to move its connection (HELLO MIGRATE, and the proof inside FETCH).
 * Wire form, in this order:
 * <pre>
 * id(16) ticket(bytes16, 1..2048) requestedEpoch(i64 &gt;= 0) downDelivered(i64 &gt;= 0)
 * timestampMillis(i64 &gt;= 0) nonce(16) reason(str16, 0..1024) mac(32)
 * </pre>
 * The canonical bytes the MAC covers are {@code "mtcp-migrate-v1"} (15 ASCII bytes) followed by the
 * same fields without {@code mac} ({@link MigrateSigner#canonicalBytes}).
 */
public record MigrateRequest(ConnectionId id, byte[] ticket, long requestedEpoch, long downDelivered,
                             long timestampMillis, byte[] nonce, String reason, byte[] mac) {
    /**
     * A reason starting with this marks a crash failover: the client found its carrier dead, so the
     * destination gives the origin only a short FETCH before it asks the backups. Any other reason is a
     * live migration, where the origin is expected to answer.
     */
    public static final String FAILOVER_REASON_PREFIX = "failover";

    public MigrateRequest {
        Objects.requireNonNull(id, "id");
        ticket = Fields.bytes("ticket", ticket, 1, Limits.MAX_TICKET_BYTES);
        Fields.nonNegative("requestedEpoch", requestedEpoch);
        Fields.nonNegative("downDelivered", downDelivered);
        Fields.nonNegative("timestampMillis", timestampMillis);
        nonce = Fields.bytes("nonce", nonce, Limits.NONCE_BYTES, Limits.NONCE_BYTES);
        Fields.string("reason", reason, 0, Limits.MAX_REASON_BYTES);
        mac = Fields.bytes("mac", mac, Limits.MAC_BYTES, Limits.MAC_BYTES);
    }

    /** Whether the client sent this after finding its carrier dead (see {@link #FAILOVER_REASON_PREFIX}). */
    public boolean isFailover() {
        return reason.startsWith(FAILOVER_REASON_PREFIX);
    }

    @Override
    public byte[] ticket() {
        return ticket.clone();
    }

    @Override
    public byte[] nonce() {
        return nonce.clone();
    }

    @Override
    public byte[] mac() {
        return mac.clone();
    }

    /** Writes every field but {@code mac}, in wire order. */
    void writeUnsignedFields(WireWriter w) {
        w.id(id).bytes16(ticket).i64(requestedEpoch).i64(downDelivered).i64(timestampMillis).raw(nonce).str16(reason);
    }

    /** Writes the wire form (fields then mac). */
    public void writeTo(WireWriter w) {
        writeUnsignedFields(w);
        w.raw(mac);
    }

    /**
     * Reads the wire form.
     *
     * @throws ProtocolException BAD_FIELD for any out-of-range field
     */
    public static MigrateRequest readFrom(WireReader r) throws ProtocolException {
        ConnectionId id = r.id("migrate id");
        byte[] ticket = r.bytes16(1, Limits.MAX_TICKET_BYTES, "ticket");
        long epoch = r.offset("requestedEpoch");
        long down = r.offset("downDelivered");
        long ts = r.offset("timestampMillis");
        byte[] nonce = r.raw(Limits.NONCE_BYTES, "nonce");
        String reason = r.str16(0, Limits.MAX_REASON_BYTES, "reason");
        byte[] mac = r.raw(Limits.MAC_BYTES, "mac");
        return new MigrateRequest(id, ticket, epoch, down, ts, nonce, reason, mac);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MigrateRequest m && id.equals(m.id) && Arrays.equals(ticket, m.ticket)
                && requestedEpoch == m.requestedEpoch && downDelivered == m.downDelivered
                && timestampMillis == m.timestampMillis && Arrays.equals(nonce, m.nonce)
                && reason.equals(m.reason) && Arrays.equals(mac, m.mac);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, Arrays.hashCode(ticket), requestedEpoch, downDelivered, timestampMillis,
                Arrays.hashCode(nonce), reason, Arrays.hashCode(mac));
    }

    @Override
    public String toString() {
        return "MigrateRequest[id=" + id + ", requestedEpoch=" + requestedEpoch + ", downDelivered=" + downDelivered
                + ", timestampMillis=" + timestampMillis + ", reason=" + reason + "]";
    }
}
