package dev.mtcp.harness.relay;

import java.util.OptionalLong;

/**
 * What the relay does to the bytes passing through it, in both directions.
 *
 * @param rateBytesPerSecond when present, each direction of each connection is limited to this rate
 * @param stalled            when true, no byte is forwarded (connections stay open: a silent stall)
 */
public record RelayFault(OptionalLong rateBytesPerSecond, boolean stalled) {
    public static final RelayFault NONE = new RelayFault(OptionalLong.empty(), false);

    public RelayFault {
        if (rateBytesPerSecond.isPresent() && rateBytesPerSecond.getAsLong() <= 0) {
            throw new IllegalArgumentException("rate must be positive, got " + rateBytesPerSecond.getAsLong());
        }
    }

    public static RelayFault throttle(long bytesPerSecond) {
        return new RelayFault(OptionalLong.of(bytesPerSecond), false);
    }

    public static RelayFault stall() {
        return new RelayFault(OptionalLong.empty(), true);
    }
}
