package dev.mtcp.tools.wan;

import dev.mtcp.tools.CommandFailure;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mtcp wan link HOST ...}: change a link of the testbed {@code mtcp wan up} keeps. */
@Command(name = "link", mixinStandardHelpOptions = true,
        header = "Change a link's impairment on a testbed kept by 'mtcp wan up' (root).",
        description = "Changes the named knobs of a host's link (the others keep their value), cuts it silently, "
                + "restores it, or resets it to the scenario's profile. Prints the link's new state.",
        footerHeading = "%nExamples:%n",
        footer = {
            "  sudo mtcp wan link s1 --delay 80ms --jitter 5ms --loss 2%% --rate 500kbit",
            "  sudo mtcp wan link s1 --rate 1mbit --direction to",
            "  sudo mtcp wan link s1 --cut",
            "  sudo mtcp wan link s1 --restore",
            "  sudo mtcp wan link s1 --reset",
            "  sudo mtcp wan link --status",
        })
public final class WanLinkCommand implements Callable<Integer> {
    @Parameters(paramLabel = "HOST", arity = "0..1", description = "client, s1, s2, ...")
    String host;

    @Option(names = "--name", paramLabel = "NAME", description = "Which testbed (default: the only one up).")
    String name;

    @Option(names = "--delay", paramLabel = "TIME", description = "One-way delay, e.g. 25ms.")
    String delay;

    @Option(names = "--jitter", paramLabel = "TIME", description = "Delay variation (±), e.g. 5ms; at most the delay.")
    String jitter;

    @Option(names = "--loss", paramLabel = "PERCENT", description = "Random loss, e.g. 2%%.")
    String loss;

    @Option(names = "--rate", paramLabel = "RATE", description = "Bandwidth, e.g. 500kbit, 10mbit (tc units, decimal).")
    String rate;

    @Option(names = "--direction", paramLabel = "DIR", defaultValue = "both",
            description = "to (what the host receives), from (what it sends) or both (default).")
    String direction;

    @ArgGroup(exclusive = true)
    Action action;

    static final class Action {
        @Option(names = "--cut", description = "Cut the link silently (no RST, no ICMP).")
        boolean cut;

        @Option(names = "--restore", description = "Restore a cut link.")
        boolean restore;

        @Option(names = "--reset", description = "Back to the scenario's profile.")
        boolean reset;

        @Option(names = "--status", description = "Show every link of the testbed.")
        boolean status;
    }

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        String answer = WanControl.request(name, request());
        spec.commandLine().getOut().println(answer.replace(" | ", "\n"));
        spec.commandLine().getOut().flush();
        return 0;
    }

    String request() {
        if (action != null && action.status) {
            return "status";
        }
        if (host == null) {
            throw CommandFailure.input("name the HOST whose link to change (client, s1, s2, ...), or give --status");
        }
        List<String> knobs = new ArrayList<>();
        add(knobs, "delay", delay);
        add(knobs, "jitter", jitter);
        add(knobs, "loss", loss);
        add(knobs, "rate", rate);
        if (action != null) {
            if (!knobs.isEmpty()) {
                throw CommandFailure.input("--cut, --restore and --reset take no knobs; change the knobs separately");
            }
            return (action.cut ? "cut " : action.restore ? "restore " : "reset ") + host;
        }
        if (knobs.isEmpty()) {
            throw CommandFailure.input("nothing to change: give --delay, --jitter, --loss, --rate, or --cut/--restore/"
                    + "--reset");
        }
        return "link " + host + " " + String.join(" ", knobs) + " direction=" + direction;
    }

    private static void add(List<String> knobs, String knob, String value) {
        if (value != null) {
            if (value.isBlank() || value.contains(" ")) {
                throw CommandFailure.input("--" + knob + " '" + value + "': give one value without spaces, e.g. 25ms");
            }
            knobs.add(knob + "=" + value);
        }
    }
}
