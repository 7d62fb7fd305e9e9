package dev.mtcp.tools.cli;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Objects;

/**
 * A {@code HOST:PORT} from the command line: a host name or IP literal (IPv6 in brackets, e.g.
 * {@code [::1]:7001}) and a port 0..65535 (0 = pick a free port, for listen addresses).
 */
public record HostPort(String host, int port) {
    public HostPort {
        Objects.requireNonNull(host, "host");
        if (host.isBlank()) {
            throw new IllegalArgumentException("the host is empty");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is outside 0..65535");
        }
    }

    /**
     * Parses {@code HOST:PORT}.
     *
     * @throws IllegalArgumentException with a message that says what is wrong and shows the form
     */
    public static HostPort parse(String text) {
        String form = "expected HOST:PORT such as 127.0.0.1:7001 or [::1]:7001, got '" + text + "'";
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException(form);
        }
        String host;
        String portText;
        if (text.startsWith("[")) {
            int close = text.indexOf(']');
            if (close < 0 || close + 1 >= text.length() || text.charAt(close + 1) != ':') {
                throw new IllegalArgumentException(form);
            }
            host = text.substring(1, close);
            portText = text.substring(close + 2);
        } else {
            int colon = text.lastIndexOf(':');
            if (colon <= 0 || text.indexOf(':') != colon) {
                throw new IllegalArgumentException(form);
            }
            host = text.substring(0, colon);
            portText = text.substring(colon + 1);
        }
        if (host.isBlank() || portText.isEmpty() || !portText.chars().allMatch(Character::isDigit) || portText.length() > 5) {
            throw new IllegalArgumentException(form);
        }
        int port = Integer.parseInt(portText);
        if (port > 65535) {
            throw new IllegalArgumentException("port " + port + " in '" + text + "' is outside 0..65535");
        }
        return new HostPort(host, port);
    }

    /** Resolves the host now; a name that does not resolve is a clear error. */
    public InetSocketAddress resolve() {
        try {
            return new InetSocketAddress(InetAddress.getByName(host), port);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("cannot resolve host '" + host + "' of " + this, e);
        }
    }

    /** True when the host resolves to a loopback address. */
    public boolean isLoopback() {
        return resolve().getAddress().isLoopbackAddress();
    }

    /** {@code HOST:PORT} form, brackets around IPv6 literals. */
    @Override
    public String toString() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }

    /** The same, from an already bound socket address. */
    public static HostPort of(InetSocketAddress address) {
        return new HostPort(address.getAddress() != null ? address.getAddress().getHostAddress() : address.getHostString(),
                address.getPort());
    }
}
