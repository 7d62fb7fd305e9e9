package dev.mtcp.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mtcp.protocol.ConnectionId;
import dev.mtcp.protocol.frame.HintReason;
import dev.mtcp.server.MigratoryServer;
import dev.mtcp.server.apps.EchoApp;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A drain hints at most {@link MigratoryServer#DRAIN_WINDOW} connections at once: the next ones as
 * the hinted ones leave, or after the drain's patience when they stay. Every connection still gets
 * its hint, and every one that follows it moves with its stream intact. While the drain is in force,
 * a connection that arrives is hinted away too.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class PacedDrainTest {
    private static final int CONNECTIONS = MigratoryServer.DRAIN_WINDOW + 72;

    @Test
    void shouldMoveEveryConnectionIntactWhenMoreThanAWindowDrain() throws Exception {
        try (TestCluster c = new TestCluster(2, new EchoApp(), cfg -> cfg.withHelloRate(100_000, 100_000))) {
            List<MigratorySocket> sockets = open(c, c.clientConfig(), List.of());
            try {
                assertThat(c.server("s1").drain(Optional.of("s2"))).isEqualTo(CONNECTIONS);
                await(() -> sockets.stream().allMatch(s -> s.status().server().equals("s2")), "every connection on s2");
                for (int i = 0; i < sockets.size(); i++) {
                    assertThat(echo(sockets.get(i), "after the drain " + i)).isEqualTo("after the drain " + i);
                    assertThat(sockets.get(i).status().migrations()).isEqualTo(1);
                }
                await(() -> c.server("s1").connections().isEmpty(), "s1 holds no connection");
                assertThat(c.server("s1").stats().hintsSent()).isEqualTo(CONNECTIONS);
            } finally {
                sockets.forEach(PacedDrainTest::closeQuietly);
            }
        }
    }

    @Test
    void shouldHintTheNextWindowAfterItsPatienceWhenHintedConnectionsStay() throws Exception {
        AtomicInteger hintsHeard = new AtomicInteger();
        MigrationListener counting = new MigrationListener() {
            @Override
            public void onServerHint(ConnectionId id, HintReason reason, List<String> targets) {
                hintsHeard.incrementAndGet();
            }
        };
        try (TestCluster c = new TestCluster(2, new EchoApp(), cfg -> cfg.withHelloRate(100_000, 100_000))) {
            List<MigratorySocket> sockets = open(c, c.clientConfig().withFollowServerHints(false), List.of(counting));
            try {
                MigratoryServer s1 = c.server("s1");
                assertThat(s1.drain(Optional.of("s2"))).isEqualTo(CONNECTIONS);
                assertThat(s1.stats().hintsSent()).as("the first window, hinted before drain returns")
                        .isEqualTo(MigratoryServer.DRAIN_WINDOW);
                await(() -> hintsHeard.get() == CONNECTIONS, "every connection hinted although none left");
                assertThat(s1.stats().hintsSent()).isEqualTo(CONNECTIONS);
                assertThat(sockets).allSatisfy(s -> assertThat(s.status().server()).isEqualTo("s1"));
                assertThat(echo(sockets.getFirst(), "stayed")).isEqualTo("stayed");
            } finally {
                sockets.forEach(PacedDrainTest::closeQuietly);
            }
        }
    }

    @Test
    void shouldHintAwayAConnectionThatArrivesWhileTheDrainIsInForce() throws Exception {
        try (TestCluster c = new TestCluster(2, new EchoApp());
             MigratorySocket first = MigratorySocket.connect(c.clientConfig())) {
            MigratoryServer s1 = c.server("s1");
            assertThat(s1.drain(Optional.of("s2"))).isEqualTo(1);
            await(() -> first.status().server().equals("s2"), "the first connection on s2");
            try (MigratorySocket late = MigratorySocket.connect(c.clientConfig())) {   // s1 is first in its list
                await(() -> late.status().server().equals("s2"), "the connection that arrived during the drain on s2");
                assertThat(echo(late, "late")).isEqualTo("late");
                assertThat(late.status().migrations()).isEqualTo(1);
            }
            assertThat(echo(first, "first")).isEqualTo("first");
            assertThat(s1.stats().hintsSent()).isEqualTo(2);
        }
    }

    @Test
    void shouldLeaveAloneAConnectionSentHereOnPurposeWhileTheDrainIsInForce() throws Exception {
        try (TestCluster c = new TestCluster(2, new EchoApp());
             MigratorySocket first = MigratorySocket.connect(c.clientConfig())) {
            MigratoryServer s1 = c.server("s1");
            assertThat(s1.drain(Optional.of("s2"))).isEqualTo(1);
            await(() -> first.status().server().equals("s2"), "the drained connection on s2");
            // still within the drain's linger: an operator moves it back to s1 on purpose
            first.migrate("s1", "operator").get(10, TimeUnit.SECONDS);
            long sweeps = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(500);   // five of the drain's 100 ms sweeps
            while (System.nanoTime() < sweeps) {
                assertThat(first.status().server()).as("a live migration's arrival is not hinted away").isEqualTo("s1");
                TimeUnit.MILLISECONDS.sleep(20);
            }
            assertThat(s1.stats().hintsSent()).isEqualTo(1);
            assertThat(echo(first, "on s1 again")).isEqualTo("on s1 again");
        }
    }

    private static List<MigratorySocket> open(TestCluster c, ClientConfig cfg, List<MigrationListener> listeners)
            throws IOException {
        List<MigratorySocket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < CONNECTIONS; i++) {
                MigratorySocket s = MigratorySocket.connect(cfg, listeners, List.of());
                sockets.add(s);
                assertThat(echo(s, "hello " + i)).isEqualTo("hello " + i);
            }
        } catch (IOException | RuntimeException | Error e) {
            sockets.forEach(PacedDrainTest::closeQuietly);
            throw e;
        }
        return sockets;
    }

    private static String echo(MigratorySocket s, String text) throws IOException {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        s.getOutputStream().write(b);
        s.getOutputStream().flush();
        return new String(s.getInputStream().readNBytes(b.length), StandardCharsets.UTF_8);
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("not within 60 s: " + what);
            TimeUnit.MILLISECONDS.sleep(5);
        }
    }

    private static void closeQuietly(MigratorySocket s) {
        s.close();
    }
}
