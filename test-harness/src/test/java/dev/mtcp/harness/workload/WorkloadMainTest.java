package dev.mtcp.harness.workload;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mtcp.client.ClientConfig;
import dev.mtcp.client.ServiceEndpoint;
import dev.mtcp.client.proxy.ForwardProxy;
import dev.mtcp.harness.scenario.App;
import dev.mtcp.protocol.crypto.GroupKey;
import dev.mtcp.server.MigratoryApp;
import dev.mtcp.server.MigratoryServer;
import dev.mtcp.server.ServerConfig;
import dev.mtcp.server.apps.EchoApp;
import dev.mtcp.server.apps.StreamApp;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The built-in workload through a real proxy and real servers on loopback, while its connections migrate. */
@Timeout(90)
class WorkloadMainTest {
    private final List<MigratoryServer> servers = new ArrayList<>();
    private ForwardProxy proxy;

    private InetSocketAddress start(MigratoryApp app) throws Exception {
        GroupKey key = GroupKey.generate();
        for (int i = 1; i <= 2; i++) {
            servers.add(MigratoryServer.start(ServerConfig.of("s" + i, new InetSocketAddress("127.0.0.1", 0), key), app));
        }
        for (MigratoryServer a : servers) for (MigratoryServer b : servers) a.addPeer(b.id(), b.address());
        ClientConfig cfg = ClientConfig.of("test", servers.stream().map(s -> new ServiceEndpoint(s.id(), s.address()))
                .toList());
        proxy = ForwardProxy.start(new InetSocketAddress("127.0.0.1", 0), cfg);
        return proxy.address();
    }

    @AfterEach
    void stop() {
        if (proxy != null) proxy.close();
        servers.forEach(MigratoryServer::close);
    }

    private List<WorkloadLine> run(App app, InetSocketAddress target, int connections, long bytes, long spreadMillis,
            Runnable whileRunning) throws Exception {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        WorkloadMain.WorkloadOptions o = new WorkloadMain.WorkloadOptions(app, connections, bytes, target, 11,
                spreadMillis, 60_000, 50);
        CompletableFuture<Boolean> done = CompletableFuture.supplyAsync(() -> {
            try {
                return WorkloadMain.run(o, new PrintStream(buffer, true, StandardCharsets.UTF_8));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        whileRunning.run();
        done.get(80, TimeUnit.SECONDS);
        return buffer.toString(StandardCharsets.UTF_8).lines().map(WorkloadLine::parse).flatMap(Optional::stream).toList();
    }

    private static List<ConnectionOutcome> outcomes(List<WorkloadLine> lines) {
        return lines.stream().filter(l -> l instanceof WorkloadLine.Result).map(l -> ((WorkloadLine.Result) l).outcome())
                .toList();
    }

    private void migrateRepeatedly(int times) {
        for (int i = 0; i < times; i++) {
            String to = "s" + (i % 2 + 1 == 1 ? 2 : 1);
            proxy.migrate("all", Optional.of(to)).orTimeout(20, TimeUnit.SECONDS).exceptionally(e -> List.of()).join();
        }
    }

    @Test
    void shouldVerifyEveryStreamByteWhenConnectionsMigrateMidStream() throws Exception {
        InetSocketAddress target = start(new StreamApp());

        List<WorkloadLine> lines = run(App.STREAM, target, 3, 6_000_000, 0, () -> migrateRepeatedly(4));

        assertThat(lines.getFirst()).isInstanceOf(WorkloadLine.Started.class);
        assertThat(lines.getLast()).isInstanceOf(WorkloadLine.Done.class);
        assertThat(lines).anyMatch(l -> l instanceof WorkloadLine.Progress);
        assertThat(outcomes(lines)).hasSize(3).allSatisfy(o -> {
            assertThat(o.error()).isEmpty();
            assertThat(o.intact()).isTrue();
            assertThat(o.bytes()).isEqualTo(6_000_000);
            assertThat(o.sha256()).hasSize(64);
        });
    }

    @Test
    void shouldVerifyTheEchoWhenSendingIsSpreadOverTime() throws Exception {
        InetSocketAddress target = start(new EchoApp());

        List<WorkloadLine> lines = run(App.ECHO, target, 4, 300_000, 600, () -> migrateRepeatedly(2));

        assertThat(outcomes(lines)).hasSize(4).allSatisfy(o -> assertThat(o.intact()).as(o.toString()).isTrue());
        WorkloadLine.Progress last = (WorkloadLine.Progress) lines.stream()
                .filter(l -> l instanceof WorkloadLine.Progress).reduce((a, b) -> b).orElseThrow();
        assertThat(last.bytes()).containsOnly(300_000L);
    }

    @Test
    void shouldReportAConnectFailureWhenNothingListens() throws Exception {
        InetSocketAddress nowhere;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            nowhere = new InetSocketAddress("127.0.0.1", s.getLocalPort());
        }

        List<WorkloadLine> lines = run(App.STREAM, nowhere, 1, 1000, 0, () -> { });

        assertThat(outcomes(lines)).singleElement().satisfies(o -> {
            assertThat(o.intact()).isFalse();
            assertThat(o.error()).hasValueSatisfying(e -> assertThat(e).contains("connect to", "failed"));
        });
    }
}
