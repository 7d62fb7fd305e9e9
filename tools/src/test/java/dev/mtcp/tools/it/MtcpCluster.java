package dev.mtcp.tools.it;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Three real {@code mtcp server} processes (s1, s2, s3, peers of each other) and one {@code mtcp proxy}
 * process forwarding to them, on free loopback ports. Closing stops every process it started.
 */
final class MtcpCluster implements AutoCloseable {
    static final Duration START = Duration.ofSeconds(30);
    private static final List<String> IDS = List.of("s1", "s2", "s3");

    private final List<MtcpProcess> processes = new ArrayList<>();
    private final java.util.Map<String, MtcpProcess> servers = new java.util.LinkedHashMap<>();
    final int proxyPort;
    final int proxyAdminPort;
    final MtcpProcess proxy;

    /** @param appArgs e.g. {@code --app echo} or {@code --app http --root DIR} */
    MtcpCluster(Path dir, String... appArgs) throws IOException, InterruptedException {
        this(dir, false, appArgs);
    }

    /** Like {@link #MtcpCluster(Path, String...)}, each server the others' backup (ack-on-replicate, the default). */
    static MtcpCluster withBackups(Path dir, String... appArgs) throws IOException, InterruptedException {
        return new MtcpCluster(dir, true, appArgs);
    }

    private MtcpCluster(Path dir, boolean backups, String... appArgs) throws IOException, InterruptedException {
        Path key = dir.resolve("group.key");
        try {
            MtcpProcess.Finished keygen = MtcpProcess.run(START, "keygen", "--out", key.toString());
            if (keygen.exitCode() != 0) {
                throw new AssertionError("keygen failed: " + keygen.err());
            }
            List<Integer> ports = FreePorts.take(5);
            List<String> serverArgs = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                List<String> args = new ArrayList<>(List.of("server", "--id", IDS.get(i), "--listen",
                        "127.0.0.1:" + ports.get(i), "--group-key", key.toString()));
                args.addAll(List.of(appArgs));
                for (int j = 0; j < 3; j++) {
                    if (j != i) {
                        args.addAll(List.of("--peer", IDS.get(j) + "=127.0.0.1:" + ports.get(j)));
                        if (backups) {
                            args.addAll(List.of("--backup", IDS.get(j)));
                        }
                    }
                }
                MtcpProcess server = MtcpProcess.start(IDS.get(i), args.toArray(String[]::new));
                processes.add(server);
                servers.put(IDS.get(i), server);
                serverArgs.addAll(List.of("--server", IDS.get(i) + "=127.0.0.1:" + ports.get(i)));
            }
            for (MtcpProcess server : List.copyOf(processes)) {
                server.awaitLine(Pattern.compile("mtcp server s\\d listening on "), START);
            }
            proxyPort = ports.get(3);
            proxyAdminPort = ports.get(4);
            List<String> proxyArgs = new ArrayList<>(List.of("proxy", "--listen", "127.0.0.1:" + proxyPort,
                    "--admin", "127.0.0.1:" + proxyAdminPort));
            proxyArgs.addAll(serverArgs);
            proxy = MtcpProcess.start("proxy", proxyArgs.toArray(String[]::new));
            processes.add(proxy);
            proxy.awaitLine(Pattern.compile("mtcp proxy admin API on "), START);
            proxy.awaitLine(Pattern.compile("mtcp proxy listening on 127.0.0.1:" + proxyPort), START);
        } catch (IOException | InterruptedException | RuntimeException | AssertionError e) {
            close();
            throw e;
        }
    }

    /** The server process with this id (s1, s2, s3). */
    MtcpProcess server(String id) {
        MtcpProcess server = servers.get(id);
        if (server == null) {
            throw new IllegalArgumentException("no server " + id + "; the servers are " + servers.keySet());
        }
        return server;
    }

    String admin() {
        return "127.0.0.1:" + proxyAdminPort;
    }

    /** {@code mtcp migrate --admin PROXY all} as a real process; returns its stdout. */
    String migrateAll() throws IOException, InterruptedException {
        MtcpProcess.Finished run = MtcpProcess.run(START, "migrate", "--admin", admin(), "all");
        if (run.exitCode() != 0) {
            throw new AssertionError("mtcp migrate exited " + run.exitCode() + ": " + run.err() + run.out());
        }
        return run.out();
    }

    /** Waits (bounded) until the proxy lists {@code count} connections. */
    void awaitConnections(int count) throws Exception {
        long deadline = System.nanoTime() + START.toNanos();
        try (HttpClient http = HttpClient.newHttpClient()) {
            while (true) {
                String body = http.send(HttpRequest.newBuilder(URI.create("http://" + admin() + "/connections")).build(),
                        HttpResponse.BodyHandlers.ofString()).body();
                if (ServerProcessIT.json(body).size() >= count) {
                    return;
                }
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("the proxy lists " + body + ", not " + count + " connection(s)");
                }
                proxy.awaitExitOrWait(Duration.ofMillis(20));
            }
        }
    }

    /** The proxy's {@code GET /metrics}. */
    String metrics() throws Exception {
        try (HttpClient http = HttpClient.newHttpClient()) {
            return http.send(HttpRequest.newBuilder(URI.create("http://" + admin() + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        }
    }

    @Override
    public void close() {
        for (MtcpProcess process : processes.reversed()) {
            process.close();
        }
    }
}
