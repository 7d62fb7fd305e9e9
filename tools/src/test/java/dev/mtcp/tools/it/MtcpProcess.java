package dev.mtcp.tools.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real {@code java -jar tools/target/mtcp.jar ...} process for the *IT tests: output lines are
 * collected by a virtual thread (stderr merged), callers wait for a line with a bounded timeout,
 * and {@link #close()} stops it by its own Process handle (SIGTERM, then SIGKILL).
 */
final class MtcpProcess implements AutoCloseable {
    private final String name;
    private final Process process;
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Object signal = new Object();
    private final Thread reader;

    private MtcpProcess(String name, Process process) {
        this.name = name;
        this.process = process;
        this.reader = Thread.ofVirtual().name(name + "-output").start(this::pump);
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
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m", "-jar", jar().toString()));
        command.addAll(List.of(args));
        return command;
    }

    /** Starts {@code mtcp args...}. */
    static MtcpProcess start(String name, String... args) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command(args)).redirectErrorStream(true);
        return new MtcpProcess(name, builder.start());
    }

    /** Runs {@code mtcp args...} to completion within {@code timeout}. */
    static Finished run(Duration timeout, String... args) throws IOException, InterruptedException {
        Path out = Files.createTempFile("mtcp-out", ".txt");
        Path err = Files.createTempFile("mtcp-err", ".txt");
        try {
            Process p = new ProcessBuilder(command(args)).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
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

    private void pump() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                lines.add(line);
                synchronized (signal) {
                    signal.notifyAll();
                }
            }
        } catch (IOException e) {
            lines.add("[" + name + " output closed: " + e + "]");
        } finally {
            synchronized (signal) {
                signal.notifyAll();
            }
        }
    }

    /** Waits for an output line matching {@code pattern}; fails with the output so far when it does not come. */
    Matcher awaitLine(Pattern pattern, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        int checked = 0;
        synchronized (signal) {
            while (true) {
                for (; checked < lines.size(); checked++) {
                    Matcher m = pattern.matcher(lines.get(checked));
                    if (m.find()) {
                        return m;
                    }
                }
                long leftMillis = Duration.between(Instant.now(), deadline).toMillis();
                if (leftMillis <= 0 || (!process.isAlive() && !reader.isAlive())) {
                    throw new AssertionError(name + ": no line matching '" + pattern + "' within " + timeout
                            + (process.isAlive() ? "" : " (exited " + process.exitValue() + ")") + "; output:\n"
                            + String.join("\n", lines));
                }
                signal.wait(Math.min(leftMillis, 200));
            }
        }
    }

    /** Waits for the process to exit by itself; returns its exit code. */
    int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError(name + " still running after " + timeout + "; output:\n" + String.join("\n", lines));
        }
        return process.exitValue();
    }

    /** Sends SIGTERM (graceful stop). Process.destroy() would also close our end of its output. */
    void terminate() throws IOException, InterruptedException {
        signal("TERM");
    }

    /** Sends a signal (TERM, KILL, STOP, CONT) to this process by its PID, keeping its output readable. */
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
        return String.join("\n", lines);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
