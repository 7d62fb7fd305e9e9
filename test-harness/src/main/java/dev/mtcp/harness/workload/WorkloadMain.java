package dev.mtcp.harness.workload;

import dev.mtcp.harness.scenario.App;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;

/**
 * The built-in verifying client of a scenario, run in the client namespace: opens the connections
 * through the proxy, drives and verifies them, and reports on stdout in {@link WorkloadLine}s.
 *
 * <pre>
 * WorkloadMain --app stream|echo --connections N --bytes B --target HOST:PORT
 *              [--seed S] [--spread-ms MS] [--timeout-ms MS] [--progress-ms MS]
 * </pre>
 * Connection {@code i} uses seed {@code S + i}. Exit code 0 when every connection is intact, 1 otherwise,
 * 2 on bad arguments.
 */
public final class WorkloadMain {
    private static final int PARALLEL_CONNECTS = 32;

    private WorkloadMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        WorkloadOptions options;
        try {
            options = WorkloadOptions.parse(args);
        } catch (IllegalArgumentException e) {
            out.println(WorkloadLine.format(new WorkloadLine.Failed("bad arguments: " + e.getMessage())));
            System.exit(2);
            return;
        }
        boolean intact = run(options, out);
        System.exit(intact ? 0 : 1);
    }

    /** Runs the workload, printing its lines to {@code out}; true when every connection is intact. */
    static boolean run(WorkloadOptions o, PrintStream out) throws InterruptedException {
        List<WorkloadConnection> connections = new ArrayList<>();
        java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
        for (int i = 0; i < o.connections(); i++) {
            connections.add(new WorkloadConnection(i, o.app(), o.bytes(), o.seed() + i, o.spreadMillis(), go));
        }
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            Map<Integer, Socket> sockets = new HashMap<>();
            Map<Integer, String> openErrors = new HashMap<>();
            openAll(connections, o, threads, sockets, openErrors);
            long deadlineNanos = System.nanoTime() + o.timeoutMillis() * 1_000_000;
            List<Future<ConnectionOutcome>> running = new ArrayList<>();
            for (WorkloadConnection c : connections) {
                int index = running.size();
                Socket socket = sockets.get(index);
                if (socket == null) {
                    c.firstByteOrEnd().countDown();
                }
                running.add(threads.submit(() -> socket == null
                        ? new ConnectionOutcome(index, false, 0, "", 0, Optional.of(openErrors.get(index)))
                        : c.run(socket, deadlineNanos)));
            }
            // The run's clock starts once every connection is up end to end (its first byte arrived through
            // the proxy and a server), so timeline events find the connections established.
            for (WorkloadConnection c : connections) {
                c.firstByteOrEnd().await(Math.max(1, (deadlineNanos - System.nanoTime()) / 1_000_000),
                        java.util.concurrent.TimeUnit.MILLISECONDS);
            }
            out.println(WorkloadLine.format(new WorkloadLine.Started()));
            long startNanos = System.nanoTime();
            go.countDown();
            Thread reporter = Thread.ofVirtual().start(() -> report(connections, startNanos, o.progressMillis(), out));
            List<ConnectionOutcome> outcomes = new ArrayList<>();
            for (Future<ConnectionOutcome> f : running) {
                outcomes.add(join(f, outcomes.size()));
            }
            reporter.interrupt();
            reporter.join();
            printProgress(connections, startNanos, out);
            outcomes.forEach(oc -> out.println(WorkloadLine.format(new WorkloadLine.Result(oc))));
            out.println(WorkloadLine.format(new WorkloadLine.Done()));
            return outcomes.stream().allMatch(ConnectionOutcome::intact);
        }
    }

    private static void openAll(List<WorkloadConnection> connections, WorkloadOptions o, ExecutorService threads,
            Map<Integer, Socket> sockets, Map<Integer, String> errors) throws InterruptedException {
        Semaphore slots = new Semaphore(PARALLEL_CONNECTS);
        List<Future<Socket>> opening = new ArrayList<>();
        for (WorkloadConnection c : connections) {
            opening.add(threads.submit(() -> {
                slots.acquire();
                try {
                    return c.open(o.target(), (int) Math.min(o.timeoutMillis(), 10_000));
                } finally {
                    slots.release();
                }
            }));
        }
        for (int i = 0; i < opening.size(); i++) {
            try {
                sockets.put(i, opening.get(i).get());
            } catch (java.util.concurrent.ExecutionException e) {
                errors.put(i, "connect to " + o.target() + " failed: " + e.getCause());
            }
        }
    }

    private static ConnectionOutcome join(Future<ConnectionOutcome> f, int index) throws InterruptedException {
        try {
            return f.get();
        } catch (java.util.concurrent.ExecutionException e) {
            return new ConnectionOutcome(index, false, 0, "", 0, Optional.of("client failed: " + e.getCause()));
        }
    }

    private static void report(List<WorkloadConnection> connections, long startNanos, long everyMillis, PrintStream out) {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                printProgress(connections, startNanos, out);
                Thread.sleep(everyMillis); // a sampling period, not a wait for a condition
            }
        } catch (InterruptedException done) {
            Thread.currentThread().interrupt();
        }
    }

    private static void printProgress(List<WorkloadConnection> connections, long startNanos, PrintStream out) {
        long elapsed = (System.nanoTime() - startNanos) / 1_000_000;
        out.println(WorkloadLine.format(new WorkloadLine.Progress(elapsed,
                connections.stream().map(WorkloadConnection::received).toList())));
    }

    /** The command line of {@link WorkloadMain}. */
    record WorkloadOptions(App app, int connections, long bytes, InetSocketAddress target, long seed,
            long spreadMillis, long timeoutMillis, long progressMillis) {
        static WorkloadOptions parse(String[] args) {
            Map<String, String> named = new HashMap<>();
            for (int i = 0; i < args.length; i += 2) {
                if (!args[i].startsWith("--") || i + 1 >= args.length) {
                    throw new IllegalArgumentException("expected --name value pairs, got '" + args[i] + "'");
                }
                named.put(args[i].substring(2), args[i + 1]);
            }
            App app = switch (require(named, "app").toLowerCase(Locale.ROOT)) {
                case "stream" -> App.STREAM;
                case "echo" -> App.ECHO;
                default -> throw new IllegalArgumentException("--app must be stream or echo, got " + named.get("app"));
            };
            String target = require(named, "target");
            int colon = target.lastIndexOf(':');
            if (colon < 1) {
                throw new IllegalArgumentException("--target must be HOST:PORT, got " + target);
            }
            return new WorkloadOptions(app, Integer.parseInt(require(named, "connections")),
                    Long.parseLong(require(named, "bytes")),
                    new InetSocketAddress(target.substring(0, colon), Integer.parseInt(target.substring(colon + 1))),
                    Long.parseLong(named.getOrDefault("seed", "1")), Long.parseLong(named.getOrDefault("spread-ms", "0")),
                    Long.parseLong(named.getOrDefault("timeout-ms", "60000")),
                    Long.parseLong(named.getOrDefault("progress-ms", "200")));
        }

        private static String require(Map<String, String> named, String name) {
            String value = named.get(name);
            if (value == null) {
                throw new IllegalArgumentException("missing --" + name);
            }
            return value;
        }
    }
}
