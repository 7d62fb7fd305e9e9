package dev.mtcp.harness.link;

import dev.mtcp.harness.testbed.Host;
import dev.mtcp.harness.testbed.Testbed;

/**
 * The device whose egress queue carries one direction of a host's link: traffic towards the host
 * leaves the router through the router's end; traffic from the host leaves through the host's end.
 */
record EgressDevice(String namespace, String device) {
    static EgressDevice of(Testbed testbed, Host host, Direction direction) {
        return direction == Direction.TO_HOST
                ? new EgressDevice(testbed.routerNamespace(), host.routerDevice())
                : new EgressDevice(host.namespace(), host.hostDevice());
    }
}
