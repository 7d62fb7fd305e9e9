package dev.mtcp.qos.observe;

import java.net.InetSocketAddress;
import java.util.Objects;

/** A carrier's TCP 4-tuple as the client sees it: its local address and the server's. */
public record CarrierTuple(InetSocketAddress local, InetSocketAddress remote) {
    public CarrierTuple {
        Objects.requireNonNull(local, "local");
        Objects.requireNonNull(remote, "remote");
        if (local.isUnresolved() || remote.isUnresolved()) {
            throw new IllegalArgumentException("a carrier tuple needs resolved addresses: " + local + " " + remote);
        }
    }

    /** The BPF filter that captures exactly this carrier, both directions. */
    public String bpfFilter() {
        return "tcp and ((src host " + host(local) + " and src port " + local.getPort()
                + " and dst host " + host(remote) + " and dst port " + remote.getPort() + ") or (src host "
                + host(remote) + " and src port " + remote.getPort() + " and dst host " + host(local)
                + " and dst port " + local.getPort() + "))";
    }

    private static String host(InetSocketAddress a) {
        return a.getAddress().getHostAddress();
    }
}
