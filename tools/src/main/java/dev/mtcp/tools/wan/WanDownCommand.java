package dev.mtcp.tools.wan;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mtcp wan down}: tear down the testbed {@code mtcp wan up} keeps. */
@Command(name = "down", mixinStandardHelpOptions = true,
        header = "Tear down a testbed kept by 'mtcp wan up' (root).",
        description = "Asks the 'mtcp wan up' process to stop its servers and proxy and delete its namespaces; it "
                + "then exits.",
        footerHeading = "%nExamples:%n",
        footer = "  sudo mtcp wan down --name qos-degrade-migration")
public final class WanDownCommand implements Callable<Integer> {
    @Option(names = "--name", paramLabel = "NAME", description = "Which testbed (default: the only one up).")
    String name;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        WanControl.request(name, "down");
        spec.commandLine().getOut().println("testbed going down");
        spec.commandLine().getOut().flush();
        return 0;
    }
}
