package dev.mtcp.protocol.crypto;

import dev.mtcp.protocol.ErrorCode;
import dev.mtcp.protocol.ProtocolException;
import dev.mtcp.protocol.frame.Welcome;
import dev.mtcp.protocol.frame.WireWriter;
import java.nio.charset.StandardCharsets;

/**
 * The WELCOME MAC: {@code HMAC-SHA256(Kc, "mtcp-welcome-v1" || every WELCOME field but mac, in wire
 * order)}. It proves to the client that the server holds the connection key (after a MIGRATE, that
 * it opened the ticket), so a man in the middle cannot answer with forged offsets.
 */
public final class WelcomeMac {
    static final byte[] LABEL = "mtcp-welcome-v1".getBytes(StandardCharsets.US_ASCII);

    private WelcomeMac() {
    }

    private static void checkKey(byte[] key) {
        if (key == null || key.length != Hkdf.KEY_BYTES) {
            throw new IllegalArgumentException("connection key must be " + Hkdf.KEY_BYTES + " bytes");
        }
    }

    /** The bytes the mac covers. */
    public static byte[] canonicalBytes(Welcome w) {
        WireWriter out = new WireWriter(256).raw(LABEL);
        w.writeUnsignedFields(out);
        return out.toByteArray();
    }

    /** Returns {@code w} with its mac computed under {@code connectionKey}. */
    public static Welcome sign(byte[] connectionKey, Welcome w) {
        checkKey(connectionKey);
        return w.withMac(Hmac.sha256(connectionKey, canonicalBytes(w)));
    }

    /** @throws ProtocolException BAD_SIGNATURE when the mac does not match */
    public static void verify(byte[] connectionKey, Welcome w) throws ProtocolException {
        checkKey(connectionKey);
        byte[] expected = Hmac.sha256(connectionKey, canonicalBytes(w));
        if (!Hmac.equal(expected, w.mac())) {
            throw new ProtocolException(ErrorCode.BAD_SIGNATURE, "WELCOME mac does not match for connection " + w.id());
        }
    }
}
