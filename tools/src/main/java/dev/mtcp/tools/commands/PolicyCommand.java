package dev.mtcp.tools.commands;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code mtcp policy}: work with QoS policy files ({@code check}). */
@Command(name = "policy", mixinStandardHelpOptions = true,
        header = "Work with QoS policy files.",
        description = "Work with QoS policy files (when and where the client migrates).",
        subcommands = PolicyCheckCommand.class,
        footerHeading = "%nExamples:%n",
        footer = "  mtcp policy check policy.yaml")
public final class PolicyCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
