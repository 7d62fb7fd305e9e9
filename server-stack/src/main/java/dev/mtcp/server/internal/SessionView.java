package dev.mtcp.server.internal;

import dev.mtcp.protocol.ConnectionId;

/** A consistent read of a session's counters. */
public record SessionView(ConnectionId id, long epoch, ServerSession.Phase phase, boolean carrierAttached,
                          long bytesUp, long bytesDown, long upReceived, long downProduced) {
}
