package dev.mtcp.protocol.frame;

/**
 * One frame of mtcp wire protocol v1. Every frame is an immutable record; the layouts are in each
 * record's Javadoc and in docs/protocol.md. {@link FrameReader} and {@link FrameWriter} are the only codec.
 * {@code toString()} of every frame names its fields but never prints stream bytes, keys, macs or
 * tickets, so a frame may be logged as is ({@code ">> " + frame}).
 */
public sealed interface Frame
        permits Hello, Welcome, Reject, Data, Ack, Ping, Pong, MigrateHint, Fin, Close,
                PeerHello, PeerProof, Fetch, State, Commit, Replicate, ReplicateAck {

    /** The type byte this frame is sent with. */
    FrameType type();
}
