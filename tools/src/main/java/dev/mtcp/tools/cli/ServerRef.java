package dev.mtcp.tools.cli;

import java.util.Objects;

/** {@code ID=HOST:PORT}: a server of the service, named by its id (as in {@code --server} and {@code --peer}). */
public record ServerRef(String id, HostPort address) {
    public ServerRef {
        Ids.requireServerId(id);
        Objects.requireNonNull(address, "address");
    }

    /** Parses {@code ID=HOST:PORT}, with a message naming the expected form on error. */
    public static ServerRef parse(String text) {
        int eq = text == null ? -1 : text.indexOf('=');
        if (eq <= 0) {
            throw new IllegalArgumentException(
                    "expected ID=HOST:PORT such as s1=127.0.0.1:7001, got '" + text + "'");
        }
        return new ServerRef(text.substring(0, eq), HostPort.parse(text.substring(eq + 1)));
    }

    @Override
    public String toString() {
        return id + "=" + address;
    }
}
