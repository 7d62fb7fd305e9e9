package dev.mtcp.protocol.frame;

/** Every size bound of wire protocol v1 (docs/protocol.md, "Limits"). All lengths in bytes. */
public final class Limits {
    /** Protocol version spoken by this implementation. */
    public static final int VERSION = 1;
    /** type(u8) flags(u8) length(u32). */
    public static final int HEADER_BYTES = 6;
    /** Maximum stream bytes carried by one DATA frame. */
    public static final int MAX_DATA_BYTES = 65_536;
    /** Maximum DATA payload: offset (8) plus the stream bytes. */
    public static final int MAX_DATA_PAYLOAD_BYTES = 8 + MAX_DATA_BYTES;
    /** Maximum payload of every control frame (all but DATA, STATE, REPLICATE). */
    public static final int MAX_CONTROL_BYTES = 65_536;
    /** Maximum payload of a STATE or REPLICATE frame (peer channel only). */
    public static final int MAX_STATE_BYTES = 64 * 1024 * 1024;
    /** Server ids, service names: 1..64 bytes of UTF-8. */
    public static final int MAX_ID_BYTES = 64;
    /** Host names: 1..255 bytes of UTF-8. */
    public static final int MAX_HOST_BYTES = 255;
    /** Service names: 1..255 bytes of UTF-8. */
    public static final int MAX_SERVICE_BYTES = 255;
    /** Free-text reasons: 0..1024 bytes of UTF-8. */
    public static final int MAX_REASON_BYTES = 1024;
    /** Alternate servers in a WELCOME, targets in a MIGRATE_HINT, backups in a ticket. */
    public static final int MAX_SERVERS = 16;
    /** Sealed tickets. */
    public static final int MAX_TICKET_BYTES = 2048;
    /** X25519 public keys. */
    public static final int PUBLIC_KEY_BYTES = 32;
    /** HMAC-SHA256 tags. */
    public static final int MAC_BYTES = 32;
    /** Peer-auth challenges. */
    public static final int CHALLENGE_BYTES = 32;
    /** MIGRATE nonces. */
    public static final int NONCE_BYTES = 16;
    /** Default bound of each send buffer, input log and output log (a configuration default, not a wire limit). */
    public static final int DEFAULT_BUFFER_BYTES = 4 * 1024 * 1024;
    /** Largest server load value in PONG. */
    public static final int MAX_LOAD_PERMILLE = 1000;

    private Limits() {
    }
}
