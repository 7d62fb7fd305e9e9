package dev.mtcp.tools.demo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Real {@code mtcp server} processes on loopback, started from the same jar (or class path) as this
 * process, each the others' peer and backup. Stopped by their own Process handles only.
 */
final class ServerProcesses implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    /** One started server. */
    record Server(String id, InetSocketAddress address, Process process, Path log) {}

    private final Map<String, Server> servers = new LinkedHashMap<>();

    /** Starts {@code ids.size()} servers of the http app over {@code root}; returns when all are listening. */
    static ServerProcesses startHttp(List<String> ids, Path groupKey, Path root, Path logDir) throws IOException {
        Map<String, InetSocketAddress> addresses = new LinkedHashMap<>();
        for (String id : ids) {
            addresses.put(id, new InetSocketAddress("127.0.0.1", freePort()));
        }
        ServerProcesses cluster = new ServerProcesses();
        try {
            List<CompletableFuture<Void>> ready = new ArrayList<>();
            for (String id : ids) {
                List<String> args = new ArrayList<>(List.of("server", "--id", id, "--listen", hostPort(addresses.get(id)),
                        "--group-key", groupKey.toString(), "--app", "http", "--root", root.toString()));
                for (Map.Entry<String, InetSocketAddress> peer : addresses.entrySet()) {
                    if (!peer.getKey().equals(id)) {
                        args.addAll(List.of("--peer", peer.getKey() + "=" + hostPort(peer.getValue()),
                                "--backup", peer.getKey()));
                    }
                }
                Path log = logDir.resolve(id + ".log");
                Process p = SelfCommand.builder(args).redirectErrorStream(true).start();
                cluster.servers.put(id, new Server(id, addresses.get(id), p, log));
                ready.add(awaitListening(id, p, log));
            }
            CompletableFuture.allOf(ready.toArray(CompletableFuture[]::new))
                    .get(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            return cluster;
        } catch (ExecutionException | TimeoutException e) {
            cluster.close();
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            throw new IOException("the demo's servers did not start: " + cause.getMessage(), cause);
        } catch (InterruptedException e) {
            cluster.close();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while starting the demo's servers", e);
        }
    }

    /** Copies the process's output to its log file and completes when it says it is listening. */
    private static CompletableFuture<Void> awaitListening(String id, Process p, Path log) {
        CompletableFuture<Void> ready = new CompletableFuture<>();
        Thread.ofVirtual().name("demo-" + id + "-log").start(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
                 var out = java.nio.file.Files.newBufferedWriter(log, StandardCharsets.UTF_8)) {
                for (String line; (line = in.readLine()) != null; ) {
                    out.write(line);
                    out.newLine();
                    out.flush();
                    if (line.contains(" listening on ")) {
                        ready.complete(null);
                    }
                }
                ready.completeExceptionally(new IOException("server " + id + " exited with " + p.waitFor()
                        + " before listening; see " + log));
            } catch (IOException | InterruptedException e) {
                ready.completeExceptionally(e);
            }
        });
        return ready;
    }

    Server get(String id) {
        Server s = servers.get(id);
        if (s == null) {
            throw new IllegalArgumentException("no demo server " + id);
        }
        return s;
    }

    List<Server> all() {
        return List.copyOf(servers.values());
    }

    /** SIGKILL: the server dies at once, with no goodbye to anyone. */
    void kill(String id) {
        Server s = get(id);
        s.process().destroyForcibly();
        try {
            s.process().waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        for (Server s : servers.values()) {
            s.process().destroy();
        }
        for (Server s : servers.values()) {
            try {
                if (!s.process().waitFor(5, TimeUnit.SECONDS)) {
                    s.process().destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static String hostPort(InetSocketAddress a) {
        return a.getHostString() + ":" + a.getPort();
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on loopback", e);
        }
    }
}
