package dev.mtcp.client.config;

import java.util.Objects;

/**
 * A port-forward listener: every TCP connection accepted on {@code listen} becomes one migratory
 * connection to {@code service}.
 */
public record ForwardListener(HostPort listen, String service) {

    public ForwardListener {
        Objects.requireNonNull(listen, "listen");
        Objects.requireNonNull(service, "service");
    }
}
