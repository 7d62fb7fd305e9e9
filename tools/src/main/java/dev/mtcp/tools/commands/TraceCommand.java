package dev.mtcp.tools.commands;

import dev.mtcp.tools.CommandFailure;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code mtcp trace}: capture carriers and decode mtcp frames. */
@Command(name = "trace", mixinStandardHelpOptions = true,
        header = "Capture carriers and print one line per mtcp frame.",
        description = "Capture mtcp carriers with pcap4j and print one line per frame (>> DATA conn=... off=... len=...).",
        footerHeading = "%nExamples:%n",
        footer = {
            "  mtcp trace --iface lo --port 7001",
            "  mtcp trace --iface lo --port 7001 --write session.pcap",
        })
public final class TraceCommand implements Callable<Integer> {
    @Option(names = "--iface", required = true, paramLabel = "IF", description = "Interface to capture on, e.g. lo.")
    String iface;

    @Option(names = "--port", required = true, paramLabel = "PORT", description = "TCP port of the carriers.")
    int port;

    @Option(names = "--write", paramLabel = "FILE.pcap", description = "Also write the packets to a pcap file.")
    Path write;

    @Override
    public Integer call() {
        throw CommandFailure.notAvailable("'mtcp trace' will capture carriers on an interface with pcap4j "
                + "and decode each mtcp frame into one line", 6);
    }
}
