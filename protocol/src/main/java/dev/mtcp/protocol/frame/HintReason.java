package dev.mtcp.protocol.frame;

import dev.mtcp.protocol.ErrorCode;
import dev.mtcp.protocol.ProtocolException;

/** Why a server asks its client to move (MIGRATE_HINT). Wire value is a u8. */
public enum HintReason {
    DRAIN(1),
    OVERLOAD(2),
    ATTACK(3);

    private final int wireValue;

    HintReason(int wireValue) {
        this.wireValue = wireValue;
    }

    public int wireValue() {
        return wireValue;
    }

    /** @throws ProtocolException BAD_FIELD for an unknown value */
    public static HintReason fromWire(int v) throws ProtocolException {
        for (HintReason r : values()) {
            if (r.wireValue == v) {
                return r;
            }
        }
        throw new ProtocolException(ErrorCode.BAD_FIELD, "unknown MIGRATE_HINT reason " + v);
    }
}
