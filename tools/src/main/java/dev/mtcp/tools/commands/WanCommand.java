package dev.mtcp.tools.commands;

import dev.mtcp.tools.wan.WanDownCommand;
import dev.mtcp.tools.wan.WanLinkCommand;
import dev.mtcp.tools.wan.WanRunCommand;
import dev.mtcp.tools.wan.WanUpCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code mtcp wan}: the WAN emulation harness (run a scenario; keep a testbed up, change its links, tear it down). */
@Command(name = "wan", mixinStandardHelpOptions = true,
        header = "Run migration scenarios over emulated WAN links.",
        description = "Run migration scenarios over emulated WAN links (delay, jitter, loss, bandwidth, silent cuts) "
                + "in network namespaces, with real mtcp server and proxy processes. Needs root. "
                + "Scenario format and reports: docs/wan-testing.md.",
        subcommands = {WanRunCommand.class, WanUpCommand.class, WanLinkCommand.class, WanDownCommand.class},
        footerHeading = "%nExamples:%n",
        footer = {
            "  sudo mtcp wan run examples/scenarios/silent-cut.yaml --report out/silent-cut",
            "  sudo mtcp wan up examples/scenarios/qos-degrade-migration.yaml &",
            "  sudo mtcp wan link s1 --rate 500kbit --loss 2%%",
            "  sudo mtcp wan down",
        })
public final class WanCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
