package dev.mtcp.server.internal;

/** What a {@link ServerSession} needs from the server that holds it. */
public interface SessionHost {
    /** The session ended here (closed, or moved and committed): forget it, remember its last epoch. */
    void sessionEnded(ServerSession session, long lastEpoch);

    /** The session's carrier went away without CLOSE: the server may expire it after its linger time. */
    void sessionDetached(ServerSession session);

    /** A session was created here (NEW or taken over), before its first carrier: replication hooks in. */
    default void sessionCreated(ServerSession session) {
    }
}
