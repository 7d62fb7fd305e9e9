package dev.mtcp.protocol.frame;

import java.util.Arrays;

/**
 * HELLO kind NEW: open a new migratory connection.
 * <pre>
 * version(u16) kind=1(u8) service(str16, 1..255) clientPublicKey(32 bytes, X25519 raw)
 * </pre>
 */
public record HelloNew(int version, String service, byte[] clientPublicKey) implements Hello {
    public HelloNew {
        Fields.range("version", version, 0, 0xFFFF);
        Fields.string("service", service, 1, Limits.MAX_SERVICE_BYTES);
        clientPublicKey = Fields.bytes("clientPublicKey", clientPublicKey, Limits.PUBLIC_KEY_BYTES, Limits.PUBLIC_KEY_BYTES);
    }

    @Override
    public byte[] clientPublicKey() {
        return clientPublicKey.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HelloNew h && version == h.version && service.equals(h.service)
                && Arrays.equals(clientPublicKey, h.clientPublicKey);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * version + service.hashCode()) + Arrays.hashCode(clientPublicKey);
    }

    @Override
    public String toString() {
        return "HelloNew[version=" + version + ", service=" + service + "]";
    }
}
