package dev.mtcp.harness.qos;

import dev.mtcp.harness.testbed.JavaCommand;
import dev.mtcp.harness.testbed.Testbed;
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

/** A {@link QosNamespaceMain} process in a testbed namespace, read line by line (stderr goes to a log). */
final class LineProcess {
    private static final String END = "\u0000end";
    private final String description;
    private final Path log;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

    private LineProcess(Process process, String description, Path log) {
        this.description = description;
        this.log = log;
        Thread.ofVirtual().start(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    lines.add(line.strip());
                }
            } catch (IOException e) {
                // the process ended
            }
            lines.add(END);
        });
    }

    /** Starts {@code QosNamespaceMain args} in {@code ns} with the JVM flags TCP_INFO needs; the testbed stops it. */
    static LineProcess start(Testbed testbed, String ns, Path log, List<String> args) {
        List<String> base = JavaCommand.of(QosNamespaceMain.class, args);
        List<String> command = new ArrayList<>();
        command.add(base.getFirst());
        command.add("--add-exports=java.base/sun.nio.ch=ALL-UNNAMED");
        command.add("--add-opens=java.base/sun.nio.ch=ALL-UNNAMED");
        command.addAll(base.subList(1, base.size()));
        return new LineProcess(testbed.startInteractive(ns, command, log), String.join(" ", args) + " in " + ns, log);
    }

    /** The next line that starts with {@code prefix} within {@code timeout}. */
    String await(String prefix, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            String line = lines.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (line == null) {
                throw new AssertionError(description + ": no " + prefix + " line within " + timeout + "; see " + log);
            }
            if (line.equals(END)) {
                throw new AssertionError(description + ": exited before " + prefix + "; see " + log);
            }
            if (line.startsWith(prefix)) {
                return line;
            }
        }
    }

    /** The key=value pairs of a {@code RESULT k=v ...} line. */
    static Map<String, String> fields(String line) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : line.split(" ")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                out.put(pair.substring(0, eq), pair.substring(eq + 1));
            }
        }
        return out;
    }
}
