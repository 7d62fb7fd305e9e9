package dev.mtcp.harness.link;

import dev.mtcp.harness.testbed.JavaCommand;
import dev.mtcp.harness.testbed.Testbed;
import dev.mtcp.harness.testbed.TestbedException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** The running {@link NfqueueDelayer} in the router namespace, driven over its stdin/stdout. */
final class DelayerProcess {
    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(20);
    private static final String END = "\u0000end";

    private final Process process;
    private final PrintStream commands;
    private final BlockingQueue<String> answers = new LinkedBlockingQueue<>();
    private final Path log;

    private DelayerProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
        this.commands = new PrintStream(process.getOutputStream(), true, StandardCharsets.UTF_8);
        Thread.ofVirtual().name("delayer-stdout").start(this::readAnswers);
    }

    /** Starts the delayer inside the testbed's router and waits until its netlink socket is open. */
    static DelayerProcess start(Testbed testbed, Path logDir) {
        Path log = logDir.resolve("nfqueue-delayer.log");
        Process process = testbed.startInteractive(testbed.routerNamespace(),
                JavaCommand.of(NfqueueDelayer.class, List.of()), log);
        DelayerProcess delayer = new DelayerProcess(process, log);
        String first = delayer.nextAnswer("start");
        if (!first.equals("ready")) {
            throw new TestbedException("the NFQUEUE delayer did not start: " + first.replaceFirst("^error ", ""));
        }
        return delayer;
    }

    /** Binds the queue if new and sets its delay and jitter. */
    synchronized void set(int queue, Duration delay, Duration jitter) {
        commands.println("set " + queue + " " + delay.toNanos() / 1000 + " " + jitter.toNanos() / 1000);
        String answer = nextAnswer("set queue " + queue);
        if (!answer.equals("ok " + queue)) {
            throw new TestbedException("the NFQUEUE delayer refused queue " + queue + ": "
                    + answer.replaceFirst("^error ", ""));
        }
    }

    private String nextAnswer(String what) {
        try {
            String answer = answers.poll(ANSWER_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            if (answer == null) {
                throw new TestbedException("the NFQUEUE delayer did not answer (" + what + ") within "
                        + ANSWER_TIMEOUT.toSeconds() + " s; see " + log);
            }
            if (answer.equals(END)) {
                throw new TestbedException("the NFQUEUE delayer exited (" + what + "), exit code "
                        + exitCode() + "; see " + log);
            }
            return answer;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TestbedException("interrupted waiting for the NFQUEUE delayer", e);
        }
    }

    private String exitCode() {
        try {
            return process.waitFor(2, TimeUnit.SECONDS) ? Integer.toString(process.exitValue()) : "unknown";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }

    private void readAnswers() {
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                answers.add(line.strip());
            }
        } catch (IOException e) {
            // the process ended; END below tells the waiting caller
        }
        answers.add(END);
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }
}
