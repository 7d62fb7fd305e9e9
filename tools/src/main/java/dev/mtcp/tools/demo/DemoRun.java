package dev.mtcp.tools.demo;

import dev.mtcp.client.ClientConfig;
import dev.mtcp.client.ConnectionStatus;
import dev.mtcp.client.MigratorySocket;
import dev.mtcp.client.ServiceEndpoint;
import dev.mtcp.client.proxy.ForwardProxy;
import dev.mtcp.harness.relay.FaultInjectingRelay;
import dev.mtcp.harness.report.GoodputSeries;
import dev.mtcp.harness.relay.RelayFault;
import dev.mtcp.protocol.crypto.GroupKey;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Runs the demo once: servers, relay, proxy, client; slows s1, then kills the serving server;
 * verifies the bytes. Progress goes to a {@link ProgressLine}; the outcome is a {@link DemoResult}.
 */
final class DemoRun {
    private static final List<String> SERVER_IDS = List.of("s1", "s2", "s3");
    private static final Duration SAMPLE_EVERY = Duration.ofMillis(200);

    private final DemoSettings settings;
    private final Consumer<MigratorySocket> qos;
    private final ProgressLine progress;

    /** @param qos attaches the QoS monitor (the policy) to each migratory socket the proxy opens */
    DemoRun(DemoSettings settings, Consumer<MigratorySocket> qos, ProgressLine progress) {
        this.settings = settings;
        this.qos = qos;
        this.progress = progress;
    }

    DemoResult run() throws IOException, InterruptedException {
        Path work = Files.createDirectories(settings.workDir());
        Path www = Files.createDirectories(work.resolve("www"));
        Path logs = Files.createDirectories(work.resolve("logs"));
        Path groupKey = work.resolve("group.key");
        GroupKey.generate().write(groupKey);
        ServedFile served = ServedFile.create(www.resolve("video.bin"), settings.fileBytes());
        progress.note("generated " + mib(served.bytes()) + " file, SHA-256 " + served.sha256().substring(0, 16) + "…");

        try (ServerProcesses servers = ServerProcesses.startHttp(SERVER_IDS, groupKey, www, logs);
             FaultInjectingRelay relay = FaultInjectingRelay.start("s1", loopback(0), servers.get("s1").address())) {
            progress.note("servers s1, s2, s3 up (real mtcp server processes, each the others' backup); "
                    + "s1 is reached through a fault-injecting relay");
            DemoTimeline timeline = new DemoTimeline(System.nanoTime());
            ClientConfig config = ClientConfig.of("demo", List.of(
                            new ServiceEndpoint("s1", relay.address()),
                            new ServiceEndpoint("s2", servers.get("s2").address()),
                            new ServiceEndpoint("s3", servers.get("s3").address())))
                    .withTimeouts(Duration.ofSeconds(3), Duration.ofMillis(250), Duration.ofSeconds(10));
            try (ForwardProxy proxy = ForwardProxy.start(loopback(0), config, socket -> {
                socket.addListener(timeline);
                qos.accept(socket);
            })) {
                progress.note("proxy on " + proxy.address().getPort() + " with the QoS policy; client: "
                        + "GET http://127.0.0.1:" + proxy.address().getPort() + "/video.bin");
                Path received = work.resolve("received.bin");
                try (DownloadClient client = DownloadClient.start("127.0.0.1", proxy.address().getPort(),
                        "/video.bin", received, settings.clientRateBytesPerSecond())) {
                    progress.note("client: " + client.name());
                    Optional<String> failure = drive(client, proxy, relay, servers, timeline);
                    progress.finish();
                    String sha = Files.exists(received) ? ServedFile.sha256Of(received) : "";
                    return new DemoResult(served, received, sha, client.name(), timeline, failure);
                }
            }
        }
    }

    /** Samples progress and plays the faults until the download ends; returns why it failed, if it did. */
    private Optional<String> drive(DownloadClient client, ForwardProxy proxy, FaultInjectingRelay relay,
            ServerProcesses servers, DemoTimeline timeline) throws InterruptedException {
        long size = settings.fileBytes();
        double throttledAt = -1;
        boolean killed = false;
        long deadline = System.nanoTime() + settings.timeout().toNanos();
        while (true) {
            try {
                client.done().get(SAMPLE_EVERY.toMillis(), TimeUnit.MILLISECONDS);
                timeline.sample(client.bytesReceived(), proxyBytes(proxy, timeline), currentServer(proxy));
                return Optional.empty();
            } catch (ExecutionException e) {
                return Optional.of("the client failed: " + e.getCause().getMessage());
            } catch (TimeoutException stillRunning) {
                // sample, maybe inject a fault, go on
            }
            long bytes = client.bytesReceived();
            String server = currentServer(proxy);
            timeline.sample(bytes, proxyBytes(proxy, timeline), server);
            progress.update(bytes, size, server, timeline.migrationCount());
            if (throttledAt < 0 && bytes >= settings.throttleAtFraction() * size && server.equals("s1")) {
                relay.setFault(RelayFault.throttle(settings.throttleBytesPerSecond()));
                throttledAt = timeline.now();
                timeline.event("slow s1 to " + settings.throttleBytesPerSecond() / 1024 + " KiB/s");
                progress.note("slowed s1 to " + settings.throttleBytesPerSecond() / 1024
                        + " KiB/s: the QoS policy should move the connection");
            }
            if (throttledAt >= 0 && timeline.migrationCount() == 0
                    && timeline.now() - throttledAt > settings.qosDeadline().toSeconds()) {
                relay.setFault(RelayFault.NONE);
                return Optional.of("the QoS policy did not move the connection off the slowed server within "
                        + settings.qosDeadline().toSeconds() + " s");
            }
            if (!killed && timeline.migrationCount() >= 1 && bytes >= settings.killAtFraction() * size
                    && !server.isEmpty() && !server.equals("s1")) {
                servers.kill(server);
                killed = true;
                timeline.event("kill -9 " + server);
                progress.note("killed " + server + " (SIGKILL): crash failover should continue the download");
            }
            if (System.nanoTime() > deadline) {
                return Optional.of("the download did not finish within " + settings.timeout().toSeconds() + " s");
            }
        }
    }

    /** The serving server's id, or "" while there is none (connecting, failing over). */
    private static String currentServer(ForwardProxy proxy) {
        return proxy.connections().stream().map(ConnectionStatus::server).findFirst().orElse("");
    }

    /** Bytes the proxy delivered downstream; the last known count once the connection is gone. */
    private static long proxyBytes(ForwardProxy proxy, DemoTimeline timeline) {
        return proxy.connections().stream().mapToLong(ConnectionStatus::bytesDown).findFirst()
                .orElseGet(() -> timeline.proxySamples().stream().mapToLong(GoodputSeries.Sample::totalBytes)
                        .max().orElse(0));
    }

    private static InetSocketAddress loopback(int port) {
        return new InetSocketAddress("127.0.0.1", port);
    }

    static String mib(long bytes) {
        return String.format(java.util.Locale.ROOT, "%.1f MiB", bytes / 1048576.0);
    }
}
