package dev.mtcp.tools.commands;

import dev.mtcp.tools.CommandFailure;
import dev.mtcp.tools.demo.Demo;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mtcp demo}: the whole system on loopback in one minute. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        header = "The whole system on loopback, verified end to end, in a minute.",
        description = {
            "Everything on loopback, no root, under a minute: three real 'mtcp server' processes serving a "
                + "generated file with the http app (each the others' backup), the proxy with a QoS policy, and an "
                + "unchanged client (curl, or a plain-socket client when curl is missing) downloading the file.",
            "During the download the demo slows server s1 through a fault-injecting relay (the policy moves the "
                + "connection), then kills the server now serving it with SIGKILL (crash failover). It ends with "
                + "the verified SHA-256, a table of the migrations, and an HTML report whose path it prints.",
            "Exit code 0 only if every byte verified, the policy migrated and the connection survived the kill."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  mtcp demo",
            "  mtcp demo --size 128 --out /tmp/mtcp-demo      # a bigger file, the report kept in /tmp/mtcp-demo",
        })
public final class DemoCommand implements Callable<Integer> {
    @Option(names = "--size", paramLabel = "MIB", defaultValue = "64",
            description = "Size of the downloaded file in MiB (default: ${DEFAULT-VALUE}).")
    int sizeMib;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Where the served file, logs, received file and report go (default: a new folder under the "
                    + "system's temp folder).")
    Path out;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (sizeMib < 8 || sizeMib > 4096) {
            throw CommandFailure.input("--size must be 8..4096 MiB, got " + sizeMib);
        }
        PrintWriter stdout = spec.commandLine().getOut();
        boolean passed = Demo.run(out, (long) sizeMib << 20, stdout, System.console() != null);
        if (!passed) {
            throw CommandFailure.checkFailed("the demo failed: see the verdict and the report above");
        }
        return 0;
    }
}
