package dev.mtcp.client.transparent;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * One iptables rule: locally generated TCP to {@code destination:destinationPort} is redirected to the
 * proxy's port. Traffic of {@code exemptUid} (the proxy's own user) is not redirected, so the proxy's
 * own connections to the same server address are not looped back to itself.
 *
 * <pre>
 * iptables -w 10 -t nat -A OUTPUT -p tcp -d 10.0.0.1 --dport 7000 -m owner ! --uid-owner 0 \
 *          -m comment --comment mtcp-proxy-1081 -j REDIRECT --to-ports 1081
 * </pre>
 */
public record RedirectRule(InetAddress destination, int destinationPort, int proxyPort, OptionalInt exemptUid) {

    public RedirectRule {
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(exemptUid, "exemptUid");
        if (destinationPort < 1 || destinationPort > 65_535 || proxyPort < 1 || proxyPort > 65_535) {
            throw new IllegalArgumentException("ports must be 1..65535: " + destinationPort + ", " + proxyPort);
        }
    }

    /** {@code iptables} or {@code ip6tables}. */
    public String tool() {
        return destination instanceof Inet6Address ? "ip6tables" : "iptables";
    }

    /** The comment that marks mtcp's rules, so they can be found and removed. */
    public String comment() {
        return "mtcp-proxy-" + proxyPort;
    }

    /** The command that adds ({@code -A}), checks ({@code -C}) or deletes ({@code -D}) this rule. */
    public List<String> command(String action) {
        if (!action.equals("-A") && !action.equals("-D") && !action.equals("-C")) {
            throw new IllegalArgumentException("action must be -A, -C or -D: " + action);
        }
        List<String> c = new ArrayList<>(List.of(tool(), "-w", "10", "-t", "nat", action, "OUTPUT", "-p", "tcp",
                "-d", destination.getHostAddress(), "--dport", Integer.toString(destinationPort)));
        exemptUid.ifPresent(uid -> c.addAll(List.of("-m", "owner", "!", "--uid-owner", Integer.toString(uid))));
        c.addAll(List.of("-m", "comment", "--comment", comment(), "-j", "REDIRECT", "--to-ports",
                Integer.toString(proxyPort)));
        return List.copyOf(c);
    }

    /** The shell line for {@code action}, ready to paste. */
    public String render(String action) {
        return String.join(" ", command(action)).replace(" ! ", " '!' ");
    }
}
