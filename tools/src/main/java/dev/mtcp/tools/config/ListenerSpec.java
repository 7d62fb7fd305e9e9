package dev.mtcp.tools.config;

import dev.mtcp.tools.cli.HostPort;
import java.util.Map;

/** A listener of the client config: how plain TCP clients reach the proxy. */
public sealed interface ListenerSpec {
    /** Where it listens. */
    HostPort listen();

    /** Port forward: every connection goes to {@code service}. */
    record Forward(HostPort listen, String service) implements ListenerSpec {}

    /** SOCKS5: the CONNECT destination selects the service; optional username/password; unknown destinations refused or relayed. */
    record Socks(HostPort listen, Map<String, String> users, boolean passthrough) implements ListenerSpec {
        public Socks {
            users = Map.copyOf(users);
        }

        @Override
        public String toString() {
            return "Socks[listen=" + listen + ", users=" + users.keySet() + " (passwords hidden), passthrough=" + passthrough + "]";
        }
    }

    /** Linux transparent mode: iptables REDIRECT sends connections here; the original destination selects the service. */
    record Transparent(HostPort listen, boolean installRedirect) implements ListenerSpec {}
}
