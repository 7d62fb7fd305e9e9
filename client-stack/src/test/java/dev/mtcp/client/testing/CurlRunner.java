package dev.mtcp.client.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the real curl (or another command) with a timeout; the process is killed if it overstays. */
public final class CurlRunner {

    public record Result(int exitCode, String stderr) {}

    private CurlRunner() {}

    public static boolean curlAvailable() {
        try {
            return run(List.of("curl", "--version"), Duration.ofSeconds(10)).exitCode() == 0;
        } catch (IOException e) {
            return false;
        }
    }

    public static Result run(List<String> command, Duration timeout) throws IOException {
        return run(command, timeout, ProcessBuilder.Redirect.DISCARD);
    }

    /** Runs with standard output written to {@code stdout} (opened by this JVM, so any user may be the writer). */
    public static Result runToFile(List<String> command, Duration timeout, Path stdout) throws IOException {
        return run(command, timeout, ProcessBuilder.Redirect.to(stdout.toFile()));
    }

    private static Result run(List<String> command, Duration timeout, ProcessBuilder.Redirect stdout)
            throws IOException {
        Path err = Files.createTempFile("mtcp-cmd", ".err");
        try {
            Process p = new ProcessBuilder(new ArrayList<>(command))
                    .redirectOutput(stdout)
                    .redirectError(err.toFile())
                    .start();
            boolean done;
            try {
                done = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for " + command.getFirst(), e);
            }
            if (!done) {
                p.destroyForcibly();
                throw new IOException(command.getFirst() + " did not finish within " + timeout + ": " + command);
            }
            return new Result(p.exitValue(), Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(err);
        }
    }
}
