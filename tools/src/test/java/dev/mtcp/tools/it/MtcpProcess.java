package dev.mtcp.tools.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real {@code java -jar tools/target/mtcp.jar ...} process for the *IT tests: its output (stderr
 * merged) goes to a log file, callers wait for a line with a bounded timeout, and {@link #close()}
 * stops it by its own Process handle (SIGTERM, then SIGKILL).
 */
final class MtcpProcess implements AutoCloseable {
    private final String name;
    private final Process process;
    private final Path log;

    private MtcpProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    /** The shaded jar under test (failsafe passes {@code -Dmtcp.jar}). */
    static Path jar() {
        Path jar = Path.of(System.getProperty("mtcp.jar", "target/mtcp.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("the shaded jar " + jar + " is missing: run the ITs through `mvn verify`");
        }
        return jar;
    }

    static List<String> command(String... args) {
        return command(List.of("-Xmx512m"), args);
    }

    /** Short-lived commands (migrate, conns, drain, keygen) start faster with C1 only and the serial GC. */
    static List<String> quickCommand(String... args) {
        return command(List.of("-Xmx128m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto"), args);
    }

    private static List<String> command(List<String> jvmFlags, String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmFlags);
        command.addAll(List.of("-jar", jar().toString()));
        command.addAll(List.of(args));
        return command;
    }

    /** Starts {@code mtcp args...}; its output goes to a temporary log file. */
    static MtcpProcess start(String name, String... args) throws IOException {
        Path log = Files.createTempFile("mtcp-" + name + "-", ".log");
        ProcessBuilder builder = new ProcessBuilder(command(args)).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        return new MtcpProcess(name, builder.start(), log);
    }

    /** Runs {@code mtcp args...} to completion within {@code timeout}. */
    static Finished run(Duration timeout, String... args) throws IOException, InterruptedException {
        Path out = Files.createTempFile("mtcp-out", ".txt");
        Path err = Files.createTempFile("mtcp-err", ".txt");
        try {
            Process p = new ProcessBuilder(quickCommand(args)).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            try {
                if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    throw new AssertionError("mtcp " + String.join(" ", args) + " did not finish within " + timeout);
                }
            } finally {
                p.destroyForcibly();
            }
            return new Finished(p.exitValue(), Files.readString(out), Files.readString(err));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    record Finished(int exitCode, String out, String err) {}

    private List<String> lines() {
        try {
            return Files.readAllLines(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the output of " + name + " in " + log, e);
        }
    }

    /** Waits for an output line matching {@code pattern}; fails with the output so far when it does not come. */
    Matcher awaitLine(Pattern pattern, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            boolean exited = !process.isAlive();
            for (String line : lines()) {
                Matcher m = pattern.matcher(line);
                if (m.find()) {
                    return m;
                }
            }
            if (exited || System.nanoTime() > deadline) {
                throw new AssertionError(name + ": no line matching '" + pattern + "' within " + timeout
                        + (exited ? " (exited " + process.exitValue() + ")" : "") + "; output:\n" + output());
            }
            process.waitFor(20, TimeUnit.MILLISECONDS);
        }
    }

    /** Waits for the process to exit by itself; returns its exit code. */
    int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError(name + " still running after " + timeout + "; output:\n" + output());
        }
        return process.exitValue();
    }

    /** Waits up to {@code time} for the process to exit (a bounded pause in polling loops). */
    void awaitExitOrWait(Duration time) throws InterruptedException {
        process.waitFor(time.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Sends SIGTERM (graceful stop); the output stays readable: it goes to the log file. */
    void terminate() {
        process.destroy();
    }

    /** Sends a signal (TERM, KILL, STOP, CONT) to this process by its PID. */
    void signal(String name) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + name, String.valueOf(process.pid())).inheritIO().start();
        if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
            throw new IOException("kill -" + name + " " + process.pid() + " failed");
        }
    }

    boolean isAlive() {
        return process.isAlive();
    }

    String output() {
        return String.join("\n", lines());
    }

    /** Stops the process (SIGTERM, then SIGKILL after 10 s); also when the calling thread is interrupted. */
    @Override
    public void close() {
        process.destroy();
        boolean interrupted = false;
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            interrupted = true;
            process.destroyForcibly();
        }
        try {
            Files.deleteIfExists(log);
        } catch (IOException e) {
            // a leftover log in the temp directory is harmless
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
