package dev.mtcp.server;

/** When upstream bytes are acknowledged to the client (and downstream bytes are sent). */
public enum Durability {
    /** ACK once this server holds the bytes: survives live migration, not this server's crash. */
    ACK_ON_RECEIVE,
    /**
     * ACK upstream bytes once every live backup holds them, and send downstream bytes once the
     * output log covering them is replicated: survives this server's crash. Needs at least one backup.
     */
    ACK_ON_REPLICATE
}
