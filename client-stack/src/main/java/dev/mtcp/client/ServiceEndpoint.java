package dev.mtcp.client;

import java.net.InetSocketAddress;
import java.util.Objects;

/** One server of the service: its id in the group and its address. */
public record ServiceEndpoint(String id, InetSocketAddress address) {
    public ServiceEndpoint {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(address, "address");
        if (id.isBlank()) throw new IllegalArgumentException("server id must not be blank");
    }

    /** Parses {@code ID=HOST:PORT}. */
    public static ServiceEndpoint parse(String spec) {
        int eq = spec.indexOf('=');
        int colon = spec.lastIndexOf(':');
        if (eq <= 0 || colon < eq + 2 || colon == spec.length() - 1) {
            throw new IllegalArgumentException("server must be ID=HOST:PORT, got '" + spec + "'");
        }
        try {
            int port = Integer.parseInt(spec.substring(colon + 1));
            return new ServiceEndpoint(spec.substring(0, eq), new InetSocketAddress(spec.substring(eq + 1, colon), port));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("server must be ID=HOST:PORT with a port 0-65535, got '" + spec + "'", e);
        }
    }
}
