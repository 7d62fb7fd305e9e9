package dev.mtcp.harness.link;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * iptables command lines for the router namespace when the kernel has no netem: each direction of
 * each link gets its own chain, jumped to from FORWARD by in- or out-device. In the chain, random
 * loss ({@code statistic}) comes first, then the packet goes to the NFQUEUE delayer, whose verdict
 * accepts it after the delay (an accepted packet leaves the chain, so NFQUEUE must be last).
 */
public final class IptablesCommands {
    /** Wait up to this many seconds for the xtables lock that all namespaces share. */
    private static final String LOCK_WAIT_SECONDS = "10";

    private IptablesCommands() {
    }

    /** {@code MTCP-s1-to} / {@code MTCP-s1-from} (chain names are at most 28 characters). */
    public static String chain(String hostName, Direction direction) {
        String name = "MTCP-" + hostName + (direction == Direction.TO_HOST ? "-to" : "-from");
        if (name.length() > 28) {
            throw new IllegalArgumentException("host name '" + hostName + "' is too long for an iptables chain");
        }
        return name;
    }

    /** The NFQUEUE number of a direction of a link: two per link. */
    public static int queueNumber(int linkIndex, Direction direction) {
        return linkIndex * 2 + (direction == Direction.TO_HOST ? 0 : 1);
    }

    /** Creates the chain and the FORWARD jump that sends this direction's packets into it. */
    public static List<List<String>> setup(String hostName, String routerDevice, Direction direction) {
        String chain = chain(hostName, direction);
        String deviceMatch = direction == Direction.TO_HOST ? "-o" : "-i";
        return List.of(
                iptables("-N", chain),
                iptables("-A", "FORWARD", deviceMatch, routerDevice, "-j", chain));
    }

    /** Replaces the chain's rules with the loss and delay of the impairment (rate is the tbf's job). */
    public static List<List<String>> apply(String hostName, int linkIndex, Direction direction, Impairment impairment) {
        String chain = chain(hostName, direction);
        List<List<String>> commands = new ArrayList<>();
        commands.add(iptables("-F", chain));
        if (impairment.drops()) {
            commands.add(iptables("-A", chain, "-m", "statistic", "--mode", "random", "--probability",
                    String.format(Locale.ROOT, "%.6f", impairment.lossPercent() / 100), "-j", "DROP"));
        }
        if (impairment.delays()) {
            commands.add(iptables("-A", chain, "-j", "NFQUEUE", "--queue-num",
                    Integer.toString(queueNumber(linkIndex, direction))));
        }
        return commands;
    }

    private static List<String> iptables(String... args) {
        List<String> command = new ArrayList<>(List.of("iptables", "-w", LOCK_WAIT_SECONDS));
        command.addAll(List.of(args));
        return command;
    }
}
