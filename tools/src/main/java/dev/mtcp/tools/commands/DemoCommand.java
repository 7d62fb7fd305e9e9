package dev.mtcp.tools.commands;

import dev.mtcp.tools.CommandFailure;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code mtcp demo}: the whole system on loopback in one minute. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        header = "The whole system on loopback, verified end to end, in a minute.",
        description = "Everything on loopback, no root, under a minute: three servers, the proxy with a QoS "
                + "policy, an unchanged client downloading a file while a server slows down and another "
                + "crashes; ends with a verified SHA-256, a migration table and an HTML report.",
        footerHeading = "%nExamples:%n",
        footer = "  mtcp demo")
public final class DemoCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw CommandFailure.notAvailable("'mtcp demo' will start three servers, the proxy and curl on loopback, "
                + "migrate on a slowdown and fail over on a crash, and verify the download", 6);
    }
}
