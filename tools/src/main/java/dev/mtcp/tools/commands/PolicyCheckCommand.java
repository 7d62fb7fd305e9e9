package dev.mtcp.tools.commands;

import dev.mtcp.tools.CommandFailure;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code mtcp policy check FILE}: validate a QoS policy file. */
@Command(name = "check", mixinStandardHelpOptions = true,
        header = "Validate a QoS policy file.",
        description = "Validate a QoS policy file and print it normalized; errors name the file, line and field.",
        footerHeading = "%nExamples:%n",
        footer = "  mtcp policy check policy.yaml")
public final class PolicyCheckCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE", description = "The policy file (YAML).")
    Path file;

    @Override
    public Integer call() {
        throw CommandFailure.notAvailable("'mtcp policy check' will validate a QoS policy file with the qos-monitor's "
                + "PolicyParser and print it normalized", 5);
    }
}
