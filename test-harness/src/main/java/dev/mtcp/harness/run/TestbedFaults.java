package dev.mtcp.harness.run;

import dev.mtcp.harness.link.Direction;
import dev.mtcp.harness.link.LinkController;
import dev.mtcp.harness.scenario.LinkChange;
import dev.mtcp.harness.scenario.LinkProfile;
import dev.mtcp.harness.testbed.CommandRunner;
import dev.mtcp.harness.testbed.TestbedException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Timeline actions on a real testbed: links through the {@link LinkController}, server processes
 * by signal (to the process and all its descendants, so a launcher script does not shield the JVM),
 * drain and operator migration through {@link OperatorCommands}.
 */
public final class TestbedFaults implements FaultActions {
    private final LinkController links;
    private final Function<String, LinkProfile> profiles;
    private final Map<String, Process> servers;
    private final CommandRunner runner;
    private final OperatorCommands operator;

    /**
     * @param profiles  each host's starting link profile (what {@code reset} returns to)
     * @param servers   the running server processes by server id
     */
    public TestbedFaults(LinkController links, Function<String, LinkProfile> profiles, Map<String, Process> servers,
            CommandRunner runner, OperatorCommands operator) {
        this.links = links;
        this.profiles = profiles;
        this.servers = Map.copyOf(servers);
        this.runner = runner;
        this.operator = operator;
    }

    @Override
    public void degrade(String host, LinkChange change) {
        for (Direction direction : change.directions()) {
            links.apply(host, direction, change.applyTo(links.current(host, direction)));
        }
    }

    @Override
    public void reset(String host) {
        LinkProfile profile = profiles.apply(host);
        for (Direction direction : Direction.values()) {
            links.apply(host, direction, profile.direction(direction));
        }
    }

    @Override
    public void kill(String server) {
        signal(server, "KILL");
    }

    @Override
    public void stop(String server) {
        signal(server, "STOP");
    }

    @Override
    public void cont(String server) {
        signal(server, "CONT");
    }

    @Override
    public void cut(String host) {
        links.cut(host);
    }

    @Override
    public void restore(String host) {
        links.restore(host);
    }

    @Override
    public void drain(String server) {
        operator.drain(server);
    }

    @Override
    public void migrateAll(String server) {
        operator.migrateAll(server);
    }

    private void signal(String server, String signal) {
        Process process = servers.get(server);
        if (process == null) {
            throw new TestbedException("no running process for server '" + server + "' (running: "
                    + String.join(", ", servers.keySet().stream().sorted().toList()) + ")");
        }
        if (!process.isAlive()) {
            throw new TestbedException("server " + server + " (pid " + process.pid() + ") is not running, cannot send SIG"
                    + signal);
        }
        List<String> command = new ArrayList<>(List.of("kill", "-" + signal));
        Stream.concat(Stream.of(process.toHandle()), process.descendants())
                .forEach(p -> command.add(Long.toString(p.pid())));
        runner.check(command);
    }
}
