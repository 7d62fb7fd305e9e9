package dev.mtcp.client.config;

import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * A {@code HOST:PORT} as written in a config file or on a command line: {@code 127.0.0.1:1080},
 * {@code localhost:1080}, {@code [::1]:1080}. The host is kept as written (not resolved).
 *
 * @param host a host name or an IP literal, without brackets
 * @param port 0..65535 (0 only where an ephemeral port makes sense, e.g. a listener in a test)
 */
public record HostPort(String host, int port) {

    public HostPort {
        Objects.requireNonNull(host, "host");
        if (host.isBlank()) {
            throw new IllegalArgumentException("the host is empty");
        }
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port " + port + " is outside 0..65535");
        }
    }

    /**
     * Parses {@code HOST:PORT} or {@code [IPV6]:PORT}.
     *
     * @throws IllegalArgumentException with a message saying what was wrong
     */
    public static HostPort parse(String text) {
        Objects.requireNonNull(text, "text");
        String s = text.strip();
        String host;
        String portText;
        if (s.startsWith("[")) {
            int close = s.indexOf(']');
            if (close < 0 || close + 1 >= s.length() || s.charAt(close + 1) != ':') {
                throw new IllegalArgumentException("'" + text + "' is not [IPV6]:PORT");
            }
            host = s.substring(1, close);
            portText = s.substring(close + 2);
        } else {
            int colon = s.lastIndexOf(':');
            if (colon < 0) {
                throw new IllegalArgumentException("'" + text + "' has no port: write HOST:PORT, e.g. 127.0.0.1:1080");
            }
            host = s.substring(0, colon);
            portText = s.substring(colon + 1);
            if (host.contains(":")) {
                throw new IllegalArgumentException("'" + text + "' looks like an IPv6 address: write it as [ADDRESS]:PORT");
            }
        }
        if (host.isBlank()) {
            throw new IllegalArgumentException("'" + text + "' has no host: write HOST:PORT, e.g. 127.0.0.1:1080");
        }
        int port;
        try {
            port = Integer.parseInt(portText);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' has no numeric port after the host");
        }
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("'" + text + "' has port " + port + ", outside 0..65535");
        }
        return new HostPort(host, port);
    }

    /** An unresolved socket address; resolved when it is bound or connected. */
    public InetSocketAddress toUnresolved() {
        return InetSocketAddress.createUnresolved(host, port);
    }

    /** The address resolved now (blocking name lookup for a host name). */
    public InetSocketAddress resolve() {
        return new InetSocketAddress(host, port);
    }

    @Override
    public String toString() {
        return host.indexOf(':') >= 0 ? "[" + host + "]:" + port : host + ":" + port;
    }
}
