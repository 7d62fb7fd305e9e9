package dev.mtcp.protocol.frame;

/**
 * A server of the group as announced in WELCOME: {@code id(str16, 1..64) host(str16, 1..255) port(u16, 1..65535)}.
 */
public record ServerAddress(String id, String host, int port) {
    public ServerAddress {
        Fields.string("id", id, 1, Limits.MAX_ID_BYTES);
        Fields.string("host", host, 1, Limits.MAX_HOST_BYTES);
        Fields.range("port", port, 1, 0xFFFF);
    }
}
