package dev.mtcp.protocol.crypto;

import dev.mtcp.protocol.ConnectionId;
import dev.mtcp.protocol.ErrorCode;
import dev.mtcp.protocol.ProtocolException;
import dev.mtcp.protocol.frame.Limits;
import dev.mtcp.protocol.frame.WireWriter;
import java.nio.charset.StandardCharsets;

/**
 * Signs and verifies MIGRATE requests: {@code mac = HMAC-SHA256(Kc, canonicalBytes)}. The canonical
 * encoding is fixed: {@code "mtcp-migrate-v1"} then the fields in wire order without the mac
 * (docs/protocol.md, "Canonical MIGRATE bytes").
 */
public final class MigrateSigner {
    static final byte[] LABEL = "mtcp-migrate-v1".getBytes(StandardCharsets.US_ASCII);

    private MigrateSigner() {
    }

    /** Builds and signs a request. {@code nonce} must be 16 fresh random bytes. */
    public static MigrateRequest sign(byte[] connectionKey, ConnectionId id, byte[] ticket, long requestedEpoch,
                                      long downDelivered, long timestampMillis, byte[] nonce, String reason) {
        MigrateRequest unsigned = new MigrateRequest(id, ticket, requestedEpoch, downDelivered, timestampMillis,
                nonce, reason, new byte[Limits.MAC_BYTES]);
        byte[] mac = Hmac.sha256(checkKey(connectionKey), canonicalBytes(unsigned));
        return new MigrateRequest(id, ticket, requestedEpoch, downDelivered, timestampMillis, nonce, reason, mac);
    }

    /**
     * Checks the MAC in constant time.
     *
     * @throws ProtocolException BAD_SIGNATURE when it does not match
     */
    public static void verify(byte[] connectionKey, MigrateRequest request) throws ProtocolException {
        byte[] expected = Hmac.sha256(checkKey(connectionKey), canonicalBytes(request));
        if (!Hmac.equal(expected, request.mac())) {
            throw new ProtocolException(ErrorCode.BAD_SIGNATURE, "MIGRATE signature does not match for connection " + request.id());
        }
    }

    /** The exact bytes the MAC covers: label then every field but the mac. */
    public static byte[] canonicalBytes(MigrateRequest r) {
        WireWriter w = new WireWriter(128 + Limits.MAX_TICKET_BYTES);
        w.raw(LABEL);
        r.writeUnsignedFields(w);
        return w.toByteArray();
    }

    private static byte[] checkKey(byte[] key) {
        if (key == null || key.length != Hkdf.KEY_BYTES) {
            throw new IllegalArgumentException("connection key must be " + Hkdf.KEY_BYTES + " bytes");
        }
        return key;
    }
}
