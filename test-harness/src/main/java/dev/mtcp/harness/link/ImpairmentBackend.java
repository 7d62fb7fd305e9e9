package dev.mtcp.harness.link;

import dev.mtcp.harness.testbed.Host;

/** Makes one direction of one link behave as an {@link Impairment} says. */
sealed interface ImpairmentBackend permits NetemBackend, FallbackBackend {
    void apply(Host host, Direction direction, Impairment impairment);
}
