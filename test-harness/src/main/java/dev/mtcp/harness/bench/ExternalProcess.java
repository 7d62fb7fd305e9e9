package dev.mtcp.harness.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A helper process the benchmark starts (a socat or haproxy relay): its output goes to a log file, it
 * is ready once its listening address accepts a connection, and it is stopped through its own
 * {@link Process} handle (with the children it forked), never by name.
 */
public final class ExternalProcess implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ExternalProcess.class);

    private final String name;
    private final Process process;
    private final Path log;
    /** Stops the process if the benchmark's JVM exits without closing it (Ctrl-C on {@code mtcp bench}). */
    private final Thread stopOnExit;

    private ExternalProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.stopOnExit = new Thread(() -> {
            process.descendants().forEach(ProcessHandle::destroy);
            process.destroy();
        }, "bench-stop-" + name);
        Runtime.getRuntime().addShutdownHook(stopOnExit);
    }

    /** Starts {@code command} and waits until {@code listensOn} accepts connections or {@code timeout} passes. */
    public static ExternalProcess start(String name, List<String> command, InetSocketAddress listensOn,
                                        Duration timeout) throws IOException {
        Path log = Files.createTempFile("mtcp-bench-" + name + "-", ".log");
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        ExternalProcess ep = new ExternalProcess(name, p, log);
        try {
            ep.awaitListening(listensOn, timeout);
        } catch (IOException e) {
            ep.close();
            throw e;
        }
        LOG.debug("bench: {} started (pid {}) on {}", name, p.pid(), listensOn);
        return ep;
    }

    private void awaitListening(InetSocketAddress address, Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (!process.isAlive()) {
                throw new IOException(name + " exited with code " + process.exitValue() + " before listening on "
                        + address + "; its output: " + logTail());
            }
            try (Socket probe = new Socket()) {
                probe.connect(address, 200);
                return;
            } catch (IOException notYet) {
                if (System.nanoTime() > deadline) {
                    throw new IOException(name + " did not listen on " + address + " within " + timeout
                            + "; its output: " + logTail());
                }
                Thread.onSpinWait();
                try {
                    process.waitFor(20, TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while waiting for " + name, e);
                }
            }
        }
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    private String logTail() {
        try {
            String text = Files.readString(log, StandardCharsets.UTF_8).strip();
            return text.isEmpty() ? "(none)" : text.substring(Math.max(0, text.length() - 2000));
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    /** Stops the process and every child it forked, by handle; forcibly after 5 s. */
    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(stopOnExit);
        } catch (IllegalStateException shuttingDown) {
            // the JVM is exiting: the hook stops the process
        }
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        children.forEach(ProcessHandle::destroy);
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        try {
            Files.deleteIfExists(log);
        } catch (IOException e) {
            LOG.debug("bench: could not delete {}: {}", log, e.toString());
        }
    }
}
