package dev.mtcp.client.transparent;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a system command (iptables) and returns its exit code and output. */
@FunctionalInterface
public interface CommandRunner {

    record Result(int exitCode, String output) {}

    /**
     * @throws IOException when the command cannot be started (not installed) or overstays its timeout
     */
    Result run(List<String> command) throws IOException;

    /** Runs commands on this host, each bounded by {@code timeout}. */
    static CommandRunner host(Duration timeout) {
        return command -> {
            Process p;
            try {
                p = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true).start();
            } catch (IOException e) {
                throw new IOException("cannot run " + command.getFirst() + ": " + e.getMessage()
                        + " (is it installed? on Debian: apt-get install iptables)", e);
            }
            try {
                p.getOutputStream().close();
                if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    p.destroyForcibly();
                    throw new IOException(String.join(" ", command) + " did not finish within " + timeout.toMillis() + " ms");
                }
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
                return new Result(p.exitValue(), out);
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while running " + command.getFirst(), e);
            }
        };
    }

    /** This runner with {@code prefix} before every command, e.g. {@code ip netns exec NAME}. */
    default CommandRunner prefixed(List<String> prefix) {
        return command -> {
            List<String> full = new ArrayList<>(prefix);
            full.addAll(command);
            return run(full);
        };
    }
}
