package dev.mtcp.protocol.frame;

import java.util.List;
import java.util.Objects;

/**
 * MIGRATE_HINT (0x14), server to client: please move.
 * <pre>
 * reason(u8: 1 DRAIN, 2 OVERLOAD, 3 ATTACK) targets(u16 count, 0..16, each str16 server id 1..64)
 * </pre>
 */
public record MigrateHint(HintReason reason, List<String> targets) implements Frame {
    public MigrateHint {
        Objects.requireNonNull(reason, "reason");
        targets = Fields.ids("targets", targets);
    }

    @Override
    public FrameType type() {
        return FrameType.MIGRATE_HINT;
    }
}
