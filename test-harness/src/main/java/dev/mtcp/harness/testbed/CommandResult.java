package dev.mtcp.harness.testbed;

import java.util.List;

/** The outcome of one finished command: what ran, its exit code and its captured output. */
public record CommandResult(List<String> command, int exitCode, String stdout, String stderr) {
    public CommandResult {
        command = List.copyOf(command);
    }

    public boolean succeeded() {
        return exitCode == 0;
    }
}
