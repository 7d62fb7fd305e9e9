package dev.mtcp.tools.commands;

import dev.mtcp.qos.policy.Policy;
import dev.mtcp.qos.policy.PolicyException;
import dev.mtcp.qos.policy.PolicyParser;
import dev.mtcp.qos.policy.PolicyPrinter;
import dev.mtcp.tools.CommandFailure;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mtcp policy check FILE}: validate a QoS policy file. */
@Command(name = "check", mixinStandardHelpOptions = true,
        header = "Validate a QoS policy file.",
        description = "Parse a QoS policy file; print what it does in words and the normalized policy (every "
                + "field, defaults filled in). An invalid file gets one line naming the file, the line and "
                + "the field, and exit code 1.",
        footerHeading = "%nExamples:%n",
        footer = {
            "  mtcp policy check examples/policies/video-streaming.yaml",
            "  mtcp policy check --quiet policy.yaml && echo valid",
        })
public final class PolicyCheckCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE", description = "The policy file (YAML).")
    Path file;

    @Option(names = {"-q", "--quiet"}, description = "Print nothing when the file is valid; only the exit code.")
    boolean quiet;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Policy policy;
        try {
            policy = PolicyParser.parse(file);
        } catch (PolicyException e) {
            throw CommandFailure.checkFailed(e.getMessage());
        }
        if (!quiet) {
            PrintWriter out = spec.commandLine().getOut();
            out.println(file + ": valid");
            out.println();
            out.println(PolicyPrinter.describe(policy).stripTrailing());
            out.println();
            out.println("# normalized");
            out.print(PolicyPrinter.toYaml(policy));
            out.flush();
        }
        return 0;
    }
}
