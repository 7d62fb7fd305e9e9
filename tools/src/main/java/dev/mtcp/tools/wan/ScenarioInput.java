package dev.mtcp.tools.wan;

import dev.mtcp.harness.scenario.Scenario;
import dev.mtcp.harness.scenario.ScenarioException;
import dev.mtcp.harness.scenario.ScenarioParser;
import dev.mtcp.harness.testbed.Privileges;
import dev.mtcp.tools.CommandFailure;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reading a scenario file and checking that the testbed can be built, with the CLI's error messages. */
final class ScenarioInput {
    private ScenarioInput() {
    }

    static Scenario read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw CommandFailure.input("scenario file " + file + " does not exist or is not a file");
        }
        try {
            return ScenarioParser.parse(file);
        } catch (ScenarioException e) {
            throw CommandFailure.input(e.getMessage(), e);
        }
    }

    static void requireRoot(String verb) {
        if (!Privileges.isRoot()) {
            throw CommandFailure.runtime("'mtcp wan " + verb + "' builds network namespaces, veth links and qdiscs: "
                    + "run it as root (sudo mtcp wan " + verb + " ...)");
        }
        for (String program : new String[] {"ip", "tc", "curl", "ss"}) {
            if (Privileges.onPath(program).isEmpty()) {
                throw CommandFailure.runtime("'" + program + "' is not installed: apt-get install -y iproute2 iptables curl");
            }
        }
    }
}
