package dev.mtcp.harness.testbed;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs short administrative commands ({@code ip}, {@code tc}, {@code iptables}) to completion with
 * {@link ProcessBuilder}. A command that fails or outlives its timeout raises a {@link TestbedException}
 * naming the command line and its stderr.
 */
public final class CommandRunner {
    private final Duration timeout;

    public CommandRunner(Duration timeout) {
        this.timeout = timeout;
    }

    /** Runs the command and returns its result whatever the exit code. */
    public CommandResult run(List<String> command) {
        Process process;
        try {
            process = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        } catch (IOException e) {
            throw new TestbedException("cannot start `" + String.join(" ", command) + "`: " + e.getMessage()
                    + " (is the program installed and on PATH?)", e);
        }
        CompletableFuture<String> out = drain(process.getInputStream());
        CompletableFuture<String> err = drain(process.getErrorStream());
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new TestbedException("`" + String.join(" ", command) + "` did not finish within " + timeout);
            }
            return new CommandResult(command, process.exitValue(), out.get(5, TimeUnit.SECONDS),
                    err.get(5, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new TestbedException("interrupted while running `" + String.join(" ", command) + "`", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new TestbedException("cannot read the output of `" + String.join(" ", command) + "`", e);
        }
    }

    /** Runs the command and fails unless it exits with 0. */
    public CommandResult check(List<String> command) {
        CommandResult result = run(command);
        if (!result.succeeded()) {
            throw new TestbedException("`" + String.join(" ", command) + "` failed with exit code "
                    + result.exitCode() + ": " + result.stderr().strip());
        }
        return result;
    }

    private static CompletableFuture<String> drain(InputStream stream) {
        CompletableFuture<String> result = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try (stream) {
                result.complete(new String(stream.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                result.completeExceptionally(new UncheckedIOException(e));
            }
        });
        return result;
    }
}
