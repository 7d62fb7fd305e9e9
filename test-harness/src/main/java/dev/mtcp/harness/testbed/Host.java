package dev.mtcp.harness.testbed;

/**
 * One end host of the testbed (the client or a server) and its link to the router.
 *
 * <p>Every host has exactly one link: a veth pair whose {@code routerDevice} end lives in the router
 * namespace and whose {@code hostDevice} end lives in the host's own namespace.
 *
 * @param name          the logical name: {@code client}, {@code s1} ... {@code sN}
 * @param namespace     the network namespace the host runs in
 * @param linkIndex     index of the host's link (client 0, sK K); picks subnet and NFQUEUE numbers
 * @param address       the host's IPv4 address
 * @param gateway       the router's address on this link
 * @param subnet        the link's subnet in CIDR form
 * @param hostDevice    the veth end inside the host namespace
 * @param routerDevice  the veth end inside the router namespace
 */
public record Host(String name, String namespace, int linkIndex, String address, String gateway, String subnet,
        String hostDevice, String routerDevice) {
}
