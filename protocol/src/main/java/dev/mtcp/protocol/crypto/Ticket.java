package dev.mtcp.protocol.crypto;

import dev.mtcp.protocol.ConnectionId;
import dev.mtcp.protocol.frame.Fields;
import dev.mtcp.protocol.frame.Limits;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * What a ticket holds once opened: the connection, where it was born (origin id and address
 * "host:port"), the connection key Kc, the backup servers and the issue time. Sealed by
 * {@link TicketSealer}; opaque to the client.
 */
public record Ticket(ConnectionId id, String originId, String originAddress, byte[] connectionKey,
                     List<String> backups, long issuedAtMillis) {
    public Ticket {
        Objects.requireNonNull(id, "id");
        Fields.string("originId", originId, 1, Limits.MAX_ID_BYTES);
        Fields.string("originAddress", originAddress, 1, Limits.MAX_HOST_BYTES);
        connectionKey = Fields.bytes("connectionKey", connectionKey, Hkdf.KEY_BYTES, Hkdf.KEY_BYTES);
        backups = Fields.ids("backups", backups);
        Fields.nonNegative("issuedAtMillis", issuedAtMillis);
    }

    @Override
    public byte[] connectionKey() {
        return connectionKey.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Ticket t && id.equals(t.id) && originId.equals(t.originId)
                && originAddress.equals(t.originAddress) && Arrays.equals(connectionKey, t.connectionKey)
                && backups.equals(t.backups) && issuedAtMillis == t.issuedAtMillis;
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, originId, originAddress, Arrays.hashCode(connectionKey), backups, issuedAtMillis);
    }

    @Override
    public String toString() {
        return "Ticket[id=" + id + ", originId=" + originId + ", originAddress=" + originAddress
                + ", backups=" + backups + ", issuedAtMillis=" + issuedAtMillis + "]";
    }
}
