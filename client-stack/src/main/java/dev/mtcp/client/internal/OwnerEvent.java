package dev.mtcp.client.internal;

import dev.mtcp.client.MigrationEvent;
import dev.mtcp.protocol.ErrorCode;
import dev.mtcp.protocol.frame.Frame;
import dev.mtcp.protocol.frame.Welcome;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** Work handed to a connection's owner thread. */
sealed interface OwnerEvent {
    record AppData(byte[] bytes) implements OwnerEvent {
    }

    record AppFin() implements OwnerEvent {
    }

    record AppClose() implements OwnerEvent {
    }

    record AppConsumed(long offset) implements OwnerEvent {
    }

    record FrameIn(Carrier carrier, Frame frame) implements OwnerEvent {
    }

    record CarrierDown(Carrier carrier, String why) implements OwnerEvent {
    }

    /** {@code target} empty = the next server after the current one. */
    record MigrateCmd(Optional<String> target, String reason, CompletableFuture<MigrationEvent> future)
            implements OwnerEvent {
    }

    record AttemptDone(MigrationAttempt attempt, Carrier carrier, Welcome welcome) implements OwnerEvent {
    }

    /** {@code code} is null when the failure was not a REJECT (I/O, timeout, bad frame). */
    record AttemptFailed(MigrationAttempt attempt, ErrorCode code, String why) implements OwnerEvent {
    }
}
