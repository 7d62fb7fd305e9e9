package dev.mtcp.harness.run;

import dev.mtcp.harness.link.EmulationKind;
import dev.mtcp.harness.scenario.Scenario;
import dev.mtcp.harness.scenario.Workload;
import dev.mtcp.harness.workload.BuiltinWorkload;
import dev.mtcp.harness.workload.ConnectionOutcome;
import dev.mtcp.harness.workload.CurlWorkload;
import dev.mtcp.harness.workload.RunningWorkload;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;

/**
 * Runs one scenario end to end: deploys it ({@link Deployment}), starts the clients, plays the
 * timeline while sampling the proxy, collects every connection's verified outcome, checks the
 * expectations, and writes {@code result.json} and {@code report.html} into the output directory.
 */
public final class ScenarioRunner {
    /** How long the runner waits, beyond the scenario's duration, for the clients' verdicts. */
    static final Duration GRACE = Duration.ofSeconds(20);
    private static final Duration SAMPLE_EVERY = Duration.ofMillis(250);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private final JvmLauncher launcher;
    private final Optional<EmulationKind> emulation;
    private final Consumer<String> progress;

    /**
     * @param emulation forces netem or the fallback; empty: detect
     * @param progress  one line per step of the run, for the operator
     */
    public ScenarioRunner(JvmLauncher launcher, Optional<EmulationKind> emulation, Consumer<String> progress) {
        this.launcher = launcher;
        this.emulation = emulation;
        this.progress = progress;
    }

    /** Runs {@code scenario}; logs and reports go to {@code outDir}. Never throws for a failed run: see the result. */
    public RunResult run(Scenario scenario, Path outDir) throws IOException, InterruptedException {
        Instant startedAt = Instant.now();
        long t0 = System.nanoTime();
        List<String> errors = new ArrayList<>();
        Collected c = new Collected();
        String kind = "";
        try (Deployment deployment = Deployment.start(scenario, launcher, outDir, emulation, progress)) {
            kind = deployment.links().kind().name().toLowerCase(java.util.Locale.ROOT);
            drive(deployment, c, errors);
        } catch (RuntimeException e) {
            errors.add(message(e));
        }
        // Without the clients' verdicts there is nothing to hold the expectations against: the errors say why.
        List<ExpectationResult> expectations = c.outcomes.isEmpty() ? List.of()
                : ExpectationChecker.check(scenario.expect(), observe(scenario.workload(), c));
        RunResult result = new RunResult(scenario.name(), scenario.description(), kind, startedAt,
                (System.nanoTime() - t0) / 1e9, expectations, c.events, c.migrations, c.migrationsTotal, c.reasons, c.outcomes,
                c.progress, c.samples, errors);
        ResultFiles.write(result, scenario, outDir);
        return result;
    }

    /** What a run collected, filled as far as it got. */
    private static final class Collected {
        List<PlayedEvent> events = List.of();
        List<Migration> migrations = List.of();
        OptionalLong migrationsTotal = OptionalLong.empty();
        java.util.Map<String, Long> reasons = java.util.Map.of();
        List<ConnectionOutcome> outcomes = List.of();
        List<dev.mtcp.harness.workload.ProgressSample> progress = List.of();
        List<RunSample> samples = List.of();
    }

    private void drive(Deployment deployment, Collected c, List<String> errors) throws IOException, InterruptedException {
        Scenario scenario = deployment.scenario();
        Workload w = scenario.workload();
        try (RunningWorkload workload = startWorkload(deployment, w, scenario.duration())) {
            workload.awaitStarted(START_TIMEOUT);
            long startNanos = System.nanoTime();
            Instant start = Instant.now();
            progress.accept("workload started: " + w.connections() + " " + w.app().cliName() + " connection(s), "
                    + w.bytes() + " bytes each");
            try (ProxySampler sampler = new ProxySampler(deployment, SAMPLE_EVERY, startNanos)) {
                c.events = TimelinePlayer.onSystemClock().play(scenario.timeline(), start, deployment.faults());
                for (PlayedEvent e : c.events) {
                    progress.accept(String.format("%6.1f s  %s%s", e.startedAt().toMillis() / 1000.0,
                            TimelinePlayer.describe(e.event()), e.error().map(x -> "  FAILED: " + x).orElse("")));
                    e.error().ifPresent(x -> errors.add("timeline " + TimelinePlayer.describe(e.event()) + " at "
                            + e.event().at().toMillis() + " ms failed: " + x));
                }
                Duration left = scenario.duration().plus(GRACE).minus(Duration.ofNanos(System.nanoTime() - startNanos));
                try {
                    c.outcomes = workload.awaitOutcomes(left.isNegative() ? Duration.ZERO : left);
                } catch (RuntimeException e) {
                    errors.add(message(e));
                }
                sampler.close();
                sampler.sampleOnce();
                c.samples = sampler.samples();
                if (c.samples.isEmpty()) {
                    errors.add("the proxy's admin API never answered: " + String.join("; ", sampler.errors()));
                }
            }
            c.progress = workload.progress();
            c.migrations = MigrationLog.of(c.samples);
            try {
                c.reasons = deployment.admin().proxyMigrationsByReason();
                c.migrationsTotal = OptionalLong.of(c.reasons.values().stream().mapToLong(Long::longValue).sum());
            } catch (RuntimeException e) {
                progress.accept("could not read the proxy's migration counter: " + message(e));
            }
            progress.accept("workload finished: " + c.outcomes.stream().filter(ConnectionOutcome::intact).count() + " of "
                    + w.connections() + " connection(s) intact, " + c.migrations.size() + " migration(s) seen");
        }
    }

    private RunningWorkload startWorkload(Deployment d, Workload w, Duration duration) throws IOException {
        String ns = d.testbed().client().namespace();
        return switch (w.client()) {
            case BUILTIN -> BuiltinWorkload.start(d.testbed(), ns, launcher::command, w.app(), w.connections(), w.bytes(),
                    d.proxyAddress(), w.app() == dev.mtcp.harness.scenario.App.ECHO ? duration.dividedBy(2) : Duration.ZERO,
                    duration, d.workDir().resolve("workload.log"));
            case CURL -> CurlWorkload.start(d.testbed(), ns, "http://" + d.proxyAddress() + "/" + CurlWorkload.FILE_NAME,
                    w.connections(), w.bytes(), d.servedSha256().orElseThrow(), duration, d.workDir().resolve("curl"));
        };
    }

    /** The run in the expectations' terms; migrations the samples missed count as {@link Migration#UNSEEN}. */
    static RunObservation observe(Workload w, Collected c) {
        boolean intact = c.outcomes.size() == w.connections() && c.outcomes.stream().allMatch(ConnectionOutcome::intact);
        List<String> targets = new ArrayList<>(c.migrations.stream().map(Migration::to).toList());
        long missed = c.migrationsTotal.orElse(targets.size()) - targets.size();
        if (missed > 0) {
            targets.addAll(Collections.nCopies((int) missed, Migration.UNSEEN));
        }
        long maxPause = c.outcomes.stream().mapToLong(ConnectionOutcome::maxPauseMillis).max().orElse(0);
        return new RunObservation(intact, targets, Duration.ofMillis(maxPause));
    }

    private static String message(Throwable e) {
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }
}
