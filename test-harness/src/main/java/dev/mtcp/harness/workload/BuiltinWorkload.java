package dev.mtcp.harness.workload;

import dev.mtcp.harness.scenario.App;
import dev.mtcp.harness.testbed.Testbed;
import dev.mtcp.harness.testbed.TestbedException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiFunction;

/** {@link WorkloadMain} started in a namespace; its stdout lines become progress and outcomes. */
public final class BuiltinWorkload implements RunningWorkload {
    private final Process process;
    private final Path log;
    private final CompletableFuture<Void> started = new CompletableFuture<>();
    private final CompletableFuture<List<ConnectionOutcome>> done = new CompletableFuture<>();
    private final List<ProgressSample> progress = new CopyOnWriteArrayList<>();
    private final Map<Integer, ConnectionOutcome> outcomes = new TreeMap<>();

    private BuiltinWorkload(Process process, Path log) {
        this.process = process;
        this.log = log;
        Thread.ofVirtual().name("workload-reader").start(this::readLines);
    }

    /**
     * Starts the built-in client in {@code namespace}.
     *
     * @param javaCommand builds {@code java ... MAIN ARGS} for a main class name and its arguments
     */
    public static BuiltinWorkload start(Testbed testbed, String namespace,
            BiFunction<String, List<String>, List<String>> javaCommand, App app, int connections, long bytes,
            String target, Duration spread, Duration timeout, Path log) {
        List<String> args = List.of("--app", app.cliName(), "--connections", Integer.toString(connections),
                "--bytes", Long.toString(bytes), "--target", target, "--seed", "1",
                "--spread-ms", Long.toString(spread.toMillis()), "--timeout-ms", Long.toString(timeout.toMillis()),
                "--progress-ms", "200");
        Process process = testbed.startInteractive(namespace, javaCommand.apply(WorkloadMain.class.getName(), args), log);
        return new BuiltinWorkload(process, log);
    }

    private void readLines() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                WorkloadLine.parse(line).ifPresent(this::accept);
            }
        } catch (IOException e) {
            // the process went away; handled below
        }
        String why = "the workload client exited without finishing" + exitText() + "; see " + log;
        started.completeExceptionally(new TestbedException(why));
        done.completeExceptionally(new TestbedException(why));
    }

    private void accept(WorkloadLine line) {
        switch (line) {
            case WorkloadLine.Started s -> started.complete(null);
            case WorkloadLine.Progress p -> progress.add(new ProgressSample(p.elapsedMillis(), p.bytes()));
            case WorkloadLine.Result r -> {
                synchronized (outcomes) {
                    outcomes.put(r.outcome().index(), r.outcome());
                }
            }
            case WorkloadLine.Failed f -> {
                started.completeExceptionally(new TestbedException("the workload client failed: " + f.error()));
                done.completeExceptionally(new TestbedException("the workload client failed: " + f.error()));
            }
            case WorkloadLine.Done d -> {
                synchronized (outcomes) {
                    done.complete(List.copyOf(outcomes.values()));
                }
            }
        }
    }

    private String exitText() {
        try {
            if (process.waitFor(2, TimeUnit.SECONDS)) {
                return " (exit code " + process.exitValue() + ", last log lines: " + tail() + ")";
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return "";
    }

    private String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join(" | ", lines.subList(Math.max(0, lines.size() - 3), lines.size()));
        } catch (IOException e) {
            return "no log";
        }
    }

    @Override
    public void awaitStarted(Duration timeout) throws InterruptedException {
        await(started, timeout, "open its connections");
    }

    @Override
    public List<ProgressSample> progress() {
        return new ArrayList<>(progress);
    }

    @Override
    public List<ConnectionOutcome> awaitOutcomes(Duration timeout) throws InterruptedException {
        return await(done, timeout, "finish");
    }

    private <T> T await(CompletableFuture<T> future, Duration timeout, String what) throws InterruptedException {
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw (RuntimeException) e.getCause();
        } catch (TimeoutException e) {
            throw new TestbedException("the workload client did not " + what + " within " + timeout.toMillis()
                    + " ms; see " + log);
        }
    }

    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }
}
