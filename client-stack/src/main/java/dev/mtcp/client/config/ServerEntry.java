package dev.mtcp.client.config;

import java.util.Objects;

/**
 * One server of a service, as configured.
 *
 * @param id   the server's id (what {@code mtcp migrate --to ID} names)
 * @param host its host name or IP literal
 * @param port its mtcp port, 1..65535
 */
public record ServerEntry(String id, String host, int port) {

    public ServerEntry {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(host, "host");
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("port " + port + " is outside 1..65535");
        }
    }

    public HostPort address() {
        return new HostPort(host, port);
    }
}
