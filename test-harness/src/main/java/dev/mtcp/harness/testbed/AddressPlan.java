package dev.mtcp.harness.testbed;

/**
 * Addresses of the testbed, all inside the benchmarking range 198.18.0.0/15 (RFC 2544), which is
 * never routed on the Internet. Link {@code k} gets {@code 198.18.k.0/24} (k &lt; 256) or
 * {@code 198.19.(k-256).0/24}; the router is {@code .1} on every link and the host {@code .2}.
 */
public final class AddressPlan {
    /** Largest link index the /15 has room for (client 0, servers 1..511). */
    public static final int MAX_LINK_INDEX = 511;

    private AddressPlan() {
    }

    public static String subnet(int linkIndex) {
        return prefix(linkIndex) + ".0/24";
    }

    public static String routerAddress(int linkIndex) {
        return prefix(linkIndex) + ".1";
    }

    public static String hostAddress(int linkIndex) {
        return prefix(linkIndex) + ".2";
    }

    private static String prefix(int linkIndex) {
        if (linkIndex < 0 || linkIndex > MAX_LINK_INDEX) {
            throw new IllegalArgumentException("link index " + linkIndex + " is outside 0.." + MAX_LINK_INDEX
                    + " (198.18.0.0/15 has room for " + MAX_LINK_INDEX + " servers)");
        }
        return linkIndex < 256 ? "198.18." + linkIndex : "198.19." + (linkIndex - 256);
    }
}
