package dev.mtcp.protocol.frame;

import dev.mtcp.protocol.ConnectionId;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * WELCOME (0x02), server to client: the connection is (re)established here.
 * <pre>
 * id(16) epoch(i64) serverId(str16, 1..64) serverPublicKey(bytes16: 0 or 32) ticket(bytes16, 1..2048)
 * upDurable(i64) downStart(i64) alternates(u16 count, 0..16, each ServerAddress) mac(32)
 * </pre>
 * {@code mac} is HMAC-SHA256 under the connection key over all other fields
 * ({@link dev.mtcp.protocol.crypto.WelcomeMac}).
 */
public record Welcome(ConnectionId id, long epoch, String serverId, byte[] serverPublicKey, byte[] ticket,
                      long upDurable, long downStart, List<ServerAddress> alternates, byte[] mac) implements Frame {
    public Welcome {
        Objects.requireNonNull(id, "id");
        Fields.nonNegative("epoch", epoch);
        Fields.string("serverId", serverId, 1, Limits.MAX_ID_BYTES);
        serverPublicKey = Fields.bytesOf("serverPublicKey", serverPublicKey, 0, Limits.PUBLIC_KEY_BYTES);
        ticket = Fields.bytes("ticket", ticket, 1, Limits.MAX_TICKET_BYTES);
        Fields.nonNegative("upDurable", upDurable);
        Fields.nonNegative("downStart", downStart);
        Objects.requireNonNull(alternates, "alternates");
        if (alternates.size() > Limits.MAX_SERVERS) {
            throw new IllegalArgumentException("alternates may hold at most " + Limits.MAX_SERVERS + " entries");
        }
        alternates = List.copyOf(alternates);
        mac = Fields.bytes("mac", mac, Limits.MAC_BYTES, Limits.MAC_BYTES);
    }

    @Override
    public FrameType type() {
        return FrameType.WELCOME;
    }

    @Override
    public byte[] serverPublicKey() {
        return serverPublicKey.clone();
    }

    @Override
    public byte[] ticket() {
        return ticket.clone();
    }

    @Override
    public byte[] mac() {
        return mac.clone();
    }

    /** A copy of this WELCOME with another MAC (used when signing). */
    public Welcome withMac(byte[] newMac) {
        return new Welcome(id, epoch, serverId, serverPublicKey, ticket, upDurable, downStart, alternates, newMac);
    }

    /** Writes every field but the mac, in wire order (what the WELCOME MAC covers after its label). */
    public void writeUnsignedFields(WireWriter w) {
        FrameEncoder.welcomeFields(this, w);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Welcome w && id.equals(w.id) && epoch == w.epoch && serverId.equals(w.serverId)
                && Arrays.equals(serverPublicKey, w.serverPublicKey) && Arrays.equals(ticket, w.ticket)
                && upDurable == w.upDurable && downStart == w.downStart && alternates.equals(w.alternates)
                && Arrays.equals(mac, w.mac);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, epoch, serverId, Arrays.hashCode(serverPublicKey), Arrays.hashCode(ticket),
                upDurable, downStart, alternates, Arrays.hashCode(mac));
    }

    @Override
    public String toString() {
        return "Welcome[id=" + id + ", epoch=" + epoch + ", serverId=" + serverId + ", newKey="
                + (serverPublicKey.length > 0) + ", ticketBytes=" + ticket.length + ", upDurable=" + upDurable
                + ", downStart=" + downStart + ", alternates=" + alternates + "]";
    }
}
