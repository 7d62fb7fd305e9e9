package dev.mtcp.harness.testbed;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds and removes namespaces left by crashed harness runs: names starting with
 * {@value NamespaceNames#PREFIX} whose owning process is no longer alive. Processes still running
 * inside such a namespace were started there by that run; they are stopped by pid first.
 */
public final class StaleNamespaceReaper {
    private static final Logger LOG = LoggerFactory.getLogger(StaleNamespaceReaper.class);
    private final CommandRunner runner;

    public StaleNamespaceReaper(CommandRunner runner) {
        this.runner = runner;
    }

    /** Removes every stale harness namespace and returns their names. */
    public List<String> reap() {
        List<String> removed = new ArrayList<>();
        for (String ns : NamespaceNames.parseList(runner.check(List.of("ip", "netns", "list")).stdout())) {
            OptionalLong owner = NamespaceNames.ownerPid(ns);
            if (owner.isEmpty() || ProcessHandle.of(owner.getAsLong()).isPresent()) {
                continue;
            }
            stopProcessesIn(ns);
            runner.check(List.of("ip", "netns", "del", ns));
            LOG.info("removed stale namespace {} (owner pid {} is gone)", ns, owner.getAsLong());
            removed.add(ns);
        }
        return removed;
    }

    private void stopProcessesIn(String ns) {
        for (String line : runner.check(List.of("ip", "netns", "pids", ns)).stdout().split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            long pid = Long.parseLong(line.strip());
            ProcessHandle.of(pid).ifPresent(p -> {
                LOG.info("stopping leftover process {} in stale namespace {}", pid, ns);
                p.destroyForcibly();
            });
        }
    }
}
