package dev.mtcp.tools.commands;

import dev.mtcp.tools.CommandFailure;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Unmatched;

/** {@code mtcp wan}: the WAN emulation harness. */
@Command(name = "wan", mixinStandardHelpOptions = true,
        header = "Run migration scenarios over emulated WAN links.",
        description = "Run migration scenarios over emulated WAN links (delay, loss, bandwidth) in network namespaces.",
        footerHeading = "%nExamples:%n",
        footer = "  mtcp wan --help")
public final class WanCommand implements Callable<Integer> {
    @Unmatched
    List<String> arguments;

    @Override
    public Integer call() {
        throw CommandFailure.notAvailable("'mtcp wan' will run migration scenarios over emulated WAN links "
                + "in network namespaces", 7);
    }
}
