package dev.mtcp.tools.wan;

import dev.mtcp.harness.run.Deployment;
import dev.mtcp.harness.run.JvmLauncher;
import dev.mtcp.harness.scenario.Scenario;
import dev.mtcp.harness.testbed.Host;
import dev.mtcp.harness.testbed.TestbedException;
import dev.mtcp.tools.CommandFailure;
import dev.mtcp.tools.Main;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mtcp wan up FILE}: a scenario's testbed and service, kept up for interactive use until {@code down}. */
@Command(name = "up", mixinStandardHelpOptions = true,
        header = "Build a scenario's testbed and keep it up until 'mtcp wan down' (root).",
        description = "Builds the scenario's namespaces and links, starts its servers and the proxy (no workload, no "
                + "timeline), prints how to reach them, and stays in the foreground until 'mtcp wan down' or "
                + "Ctrl-C; then everything is torn down. Change links meanwhile with 'mtcp wan link'.",
        footerHeading = "%nExamples:%n",
        footer = {
            "  sudo mtcp wan up examples/scenarios/qos-degrade-migration.yaml &",
            "  sudo ip netns exec NS curl ...        # NS and addresses are printed",
            "  sudo mtcp wan link s1 --delay 80ms --loss 2%% --rate 500kbit",
            "  sudo mtcp wan down",
        })
public final class WanUpCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", description = "The scenario file whose topology, links, servers and policy to use.")
    Path file;

    @Option(names = "--name", paramLabel = "NAME", description = "Name of this testbed for link/down (default: the "
            + "scenario's name).")
    String name;

    @Option(names = "--logs", paramLabel = "DIR", description = "Where the process logs go (default: mtcp-wan-NAME).")
    Path logs;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException, InterruptedException {
        Scenario scenario = ScenarioInput.read(file);
        ScenarioInput.requireRoot("up");
        String testbedName = name != null ? name : scenario.name();
        PrintWriter out = spec.commandLine().getOut();
        try (WanControl control = WanControl.bind(testbedName);
                Deployment d = start(scenario, logs != null ? logs : Path.of("mtcp-wan-" + testbedName), out)) {
            out.println("testbed '" + testbedName + "' is up:");
            for (Host h : d.testbed().hosts()) {
                out.println("  " + h.name() + ": namespace " + h.namespace() + ", address " + h.address());
            }
            out.println("  proxy: plain TCP clients connect to " + d.proxyAddress() + " inside "
                    + d.testbed().client().namespace() + ", admin API on 127.0.0.1:" + Deployment.ADMIN_PORT
                    + " in every namespace");
            out.println("  e.g.: sudo ip netns exec " + d.testbed().client().namespace() + " curl -s 127.0.0.1:"
                    + Deployment.ADMIN_PORT + "/connections");
            out.println("change a link: sudo mtcp wan link [--name " + testbedName + "] HOST --delay 80ms --loss 2%;"
                    + " stop: sudo mtcp wan down [--name " + testbedName + "]");
            out.flush();
            control.serve(request -> request.equals("down") ? null : LinkRequest.perform(d, request));
            out.println("testbed '" + testbedName + "' is going down");
            out.flush();
        }
        return 0;
    }

    private static Deployment start(Scenario scenario, Path logs, PrintWriter out)
            throws IOException, InterruptedException {
        try {
            return Deployment.start(scenario, JvmLauncher.ofRunningJvm(Main.class), logs,
                    java.util.Optional.empty(), line -> {
                        out.println("  " + line);
                        out.flush();
                    });
        } catch (TestbedException e) {
            throw CommandFailure.runtime(e.getMessage(), e);
        }
    }
}
