package dev.mtcp.server;

/** When upstream bytes are acknowledged to the client. */
public enum Durability {
    /** ACK once this server holds the bytes: survives live migration, not this server's crash. */
    ACK_ON_RECEIVE,
    /** ACK once every live backup holds them too: survives this server's crash (needs backups). */
    ACK_ON_REPLICATE
}
