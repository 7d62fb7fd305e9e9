package dev.mtcp.harness.scenario;

import dev.mtcp.harness.link.Direction;
import dev.mtcp.harness.link.Impairment;

/** The conditions of both directions of one host's link. */
public record LinkProfile(Impairment toHost, Impairment fromHost) {
    public static final LinkProfile NONE = new LinkProfile(Impairment.NONE, Impairment.NONE);

    public static LinkProfile symmetric(Impairment both) {
        return new LinkProfile(both, both);
    }

    public Impairment direction(Direction direction) {
        return direction == Direction.TO_HOST ? toHost : fromHost;
    }
}
