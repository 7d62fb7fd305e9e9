package dev.mtcp.harness.probe;

import dev.mtcp.harness.testbed.JavaCommand;
import dev.mtcp.harness.testbed.Testbed;
import dev.mtcp.harness.testbed.TestbedException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A {@link NetProbe} running inside a testbed namespace; waits for its READY and RESULT lines. */
public final class ProbeProcess {
    private static final String END = "\u0000end";
    private final Process process;
    private final String description;
    private final Path log;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

    private ProbeProcess(Process process, String description, Path log) {
        this.process = process;
        this.description = description;
        this.log = log;
        Thread.ofVirtual().start(this::readLines);
    }

    /** Starts {@code NetProbe args...} in namespace {@code ns}; stderr goes to {@code log}. */
    public static ProbeProcess start(Testbed testbed, String ns, Path log, String... args) {
        List<String> arguments = List.of(args);
        Process process = testbed.startInteractive(ns, JavaCommand.of(NetProbe.class, arguments), log);
        return new ProbeProcess(process, String.join(" ", arguments) + " in " + ns, log);
    }

    /** Waits until the probe listens. */
    public ProbeProcess awaitReady(Duration timeout) {
        String line = next(timeout);
        if (!line.equals("READY")) {
            throw new TestbedException("probe " + description + " did not get ready: " + line);
        }
        return this;
    }

    /** Waits for the RESULT line and returns its key=value pairs. */
    public Map<String, String> awaitResult(Duration timeout) {
        String line = next(timeout);
        if (!line.startsWith("RESULT ")) {
            throw new TestbedException("probe " + description + " gave no result: " + line);
        }
        Map<String, String> result = new LinkedHashMap<>();
        for (String pair : line.substring("RESULT ".length()).split(" ")) {
            int eq = pair.indexOf('=');
            result.put(pair.substring(0, eq), pair.substring(eq + 1));
        }
        return result;
    }

    /** The comma-separated numbers of one result field. */
    public static List<Long> numbers(String csv) {
        List<Long> values = new ArrayList<>();
        for (String v : csv.split(",")) {
            if (!v.isEmpty()) {
                values.add(Long.parseLong(v));
            }
        }
        return values;
    }

    /** Stops the probe (servers run until stopped). */
    public void stop() {
        process.destroy();
        try {
            if (!process.waitFor(3, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    private String next(Duration timeout) {
        try {
            String line = lines.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (line == null) {
                throw new TestbedException("probe " + description + " gave nothing within " + timeout + "; see " + log);
            }
            if (line.equals(END)) {
                throw new TestbedException("probe " + description + " exited early; see " + log);
            }
            return line;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TestbedException("interrupted waiting for probe " + description, e);
        }
    }

    private void readLines() {
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lines.add(line.strip());
            }
        } catch (IOException e) {
            // process ended
        }
        lines.add(END);
    }
}
