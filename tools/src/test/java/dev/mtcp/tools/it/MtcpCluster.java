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
    static final List<String> IDS = List.of("s1", "s2", "s3");
    /** In the app arguments, stands for the next server of the ring (for {@code --backup}). */
    static final String NEXT = "{next}";

    private final List<MtcpProcess> processes = new ArrayList<>();
    final int proxyPort;
    final int proxyAdminPort;
    final MtcpProcess proxy;

    /** Builds the proxy's arguments once the ports are known. */
    @FunctionalInterface
    interface ProxyArgs {
        List<String> args(List<Integer> serverPorts, int proxyPort, int adminPort) throws IOException;
    }

    /** The flags form: {@code mtcp proxy --listen ... --admin ... --server s1=... --server s2=... --server s3=...}. */
    static List<String> flags(List<Integer> serverPorts, int proxyPort, int adminPort) {
        List<String> args = new ArrayList<>(List.of("proxy", "--listen", "127.0.0.1:" + proxyPort,
                "--admin", "127.0.0.1:" + adminPort));
        for (int i = 0; i < 3; i++) {
            args.addAll(List.of("--server", IDS.get(i) + "=127.0.0.1:" + serverPorts.get(i)));
        }
        return args;
    }

    /** @param appArgs e.g. {@code --app echo} or {@code --app http --root DIR} */
    MtcpCluster(Path dir, String... appArgs) throws IOException, InterruptedException {
        this(dir, MtcpCluster::flags, appArgs);
    }

    MtcpCluster(Path dir, ProxyArgs proxyArgs, String... appArgs) throws IOException, InterruptedException {
        this(dir, proxyArgs, false, appArgs);
    }

    /** Like {@link #MtcpCluster(Path, String...)}, each server the others' backup (ack-on-replicate, the default). */
    static MtcpCluster withBackups(Path dir, String... appArgs) throws IOException, InterruptedException {
        return new MtcpCluster(dir, MtcpCluster::flags, true, appArgs);
    }

    private MtcpCluster(Path dir, ProxyArgs proxyArgs, boolean allBackups, String... appArgs)
            throws IOException, InterruptedException {
        Path key = dir.resolve("group.key");
        try {
            MtcpProcess.Finished keygen = MtcpProcess.run(START, "keygen", "--out", key.toString());
            if (keygen.exitCode() != 0) {
                throw new AssertionError("keygen failed: " + keygen.err());
            }
            List<Integer> ports = FreePorts.take(5);
            for (int i = 0; i < 3; i++) {
                List<String> args = new ArrayList<>(List.of("server", "--id", IDS.get(i), "--listen",
                        "127.0.0.1:" + ports.get(i), "--group-key", key.toString()));
                for (String arg : appArgs) {
                    // "--backup NEXT": each server backs up to the next one in the ring (s1 -> s2 -> s3 -> s1).
                    args.add(arg.equals(NEXT) ? IDS.get((i + 1) % 3) : arg);
                }
                for (int j = 0; j < 3; j++) {
                    if (j != i) {
                        args.addAll(List.of("--peer", IDS.get(j) + "=127.0.0.1:" + ports.get(j)));
                        if (allBackups) {
                            args.addAll(List.of("--backup", IDS.get(j)));
                        }
                    }
                }
                processes.add(MtcpProcess.start(IDS.get(i), args.toArray(String[]::new)));
            }
            for (MtcpProcess server : List.copyOf(processes)) {
                server.awaitLine(Pattern.compile("mtcp server s\\d listening on "), START);
            }
            proxyPort = ports.get(3);
            proxyAdminPort = ports.get(4);
            proxy = MtcpProcess.start("proxy", proxyArgs.args(ports.subList(0, 3), proxyPort, proxyAdminPort)
                    .toArray(String[]::new));
            processes.add(proxy);
            proxy.awaitLine(Pattern.compile("mtcp proxy admin API on "), START);
            proxy.awaitLine(Pattern.compile("mtcp proxy (socks5 )?listening on 127.0.0.1:" + proxyPort), START);
        } catch (IOException | InterruptedException | RuntimeException | AssertionError e) {
            close();
            throw e;
        }
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

    /** The server process with this id. */
    MtcpProcess server(String id) {
        return processes.get(IDS.indexOf(id));
    }

    /** The proxy's {@code GET /connections} as JSON. */
    com.fasterxml.jackson.databind.JsonNode connections() throws Exception {
        try (HttpClient http = HttpClient.newHttpClient()) {
            return ServerProcessIT.json(http.send(HttpRequest.newBuilder(URI.create("http://" + admin() + "/connections"))
                    .build(), HttpResponse.BodyHandlers.ofString()).body());
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
