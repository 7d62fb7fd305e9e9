package dev.mtcp.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mtcp.server.FreezableRelay;
import dev.mtcp.server.MigratoryServer;
import dev.mtcp.server.apps.EchoApp;
import dev.mtcp.server.apps.StreamApp;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Fencing (issue 4): the origin is cut off from everyone — its client carrier and every peer channel
 * in both directions are frozen, as with SIGSTOP or a partition — for longer than the client's dead
 * time. The client fails over to a server that takes the state from a backup. When the origin comes
 * back it must learn the new epoch (from the peer that took over, or from its backups refusing its
 * replication), close its copy, count it as fenced and send nothing more; the download stays exact.
 */
@Timeout(60)
class PausedOriginFencingTest {
    private static final Duration AWAIT = Duration.ofSeconds(15);

    @Test
    void shouldFenceTheOriginAndKeepTheStreamExactWhenAPausedOriginComesBack() throws Exception {
        try (FailoverCluster c = new FailoverCluster(3, new StreamApp())) {
            List<FreezableRelay> relays = new ArrayList<>();
            FreezableRelay toClient = relay(relays, c.address("s1"));
            c.routePeer("s2", "s1", relay(relays, c.address("s1")).address());
            c.routePeer("s3", "s1", relay(relays, c.address("s1")).address());
            c.routePeer("s1", "s2", relay(relays, c.address("s2")).address());
            c.routePeer("s1", "s3", relay(relays, c.address("s3")).address());
            try {
                c.startAll();
                c.awaitReplicationReady(AWAIT);
                List<ServiceEndpoint> endpoints = new ArrayList<>(c.endpoints());
                endpoints.set(0, new ServiceEndpoint("s1", toClient.address()));
                ClientConfig cfg = c.clientConfig().withServers(endpoints);
                try (MigratorySocket s = MigratorySocket.connect(cfg)) {
                    assertThat(s.status().server()).isEqualTo("s1");
                    long length = 48L << 20;
                    s.getOutputStream().write(("STREAM " + length + " 9\n").getBytes(StandardCharsets.US_ASCII));
                    AtomicLong received = new AtomicLong();
                    CompletableFuture<Long> reader = CompletableFuture.supplyAsync(
                            () -> CrashFailoverExactTest.readStream(s, 9, length, received));
                    CrashFailoverExactTest.awaitAtLeast(received, 2L << 20);

                    relays.forEach(FreezableRelay::freeze);
                    MigratoryServer origin = c.server("s1");
                    await(() -> !s.status().server().isEmpty() && !s.status().server().equals("s1"), "client failed over");
                    long atFailover = received.get();
                    await(() -> received.get() > atFailover + (2L << 20), "download going on at the new server");
                    assertThat(origin.fencedConnections()).isZero();
                    assertThat(origin.connections()).hasSize(1);

                    relays.forEach(FreezableRelay::thaw);
                    await(() -> origin.fencedConnections() == 1 && origin.connections().isEmpty(),
                            "the old origin fenced its copy");
                    assertThat(reader.get(40, TimeUnit.SECONDS)).isEqualTo(length);
                    assertThat(s.status().server()).isNotEqualTo("s1");
                }
            } finally {
                for (FreezableRelay r : relays) r.close();
            }
        }
    }

    /**
     * The origin has nothing to replicate when it is cut off, and the peer that took the connection over
     * never reaches it again (its COMMIT retries ended, or only the origin's own links came back): the
     * origin must still learn the new epoch, by asking its backups when its client carrier turns out lost.
     */
    @Test
    void shouldFenceAnIdleOriginWhenItComesBackAfterTheNewOwnerStoppedTellingIt() throws Exception {
        try (FailoverCluster c = new FailoverCluster(3, new EchoApp())) {
            List<FreezableRelay> relays = new ArrayList<>();
            FreezableRelay toClient = relay(relays, c.address("s1"));
            List<FreezableRelay> fromOrigin = List.of(relay(relays, c.address("s2")), relay(relays, c.address("s3")));
            c.routePeer("s1", "s2", fromOrigin.get(0).address());
            c.routePeer("s1", "s3", fromOrigin.get(1).address());
            // the new owner's COMMIT (and any peer channel towards the origin) never gets through
            c.routePeer("s2", "s1", relay(relays, c.address("s1")).address());
            c.routePeer("s3", "s1", relay(relays, c.address("s1")).address());
            try {
                c.startAll();
                c.awaitReplicationReady(AWAIT);
                List<ServiceEndpoint> endpoints = new ArrayList<>(c.endpoints());
                endpoints.set(0, new ServiceEndpoint("s1", toClient.address()));
                try (MigratorySocket s = MigratorySocket.connect(c.clientConfig().withServers(endpoints))) {
                    assertThat(s.status().server()).isEqualTo("s1");
                    echoExactly(s, 0, 64 << 10);    // then idle: the origin has nothing more to replicate

                    relays.forEach(FreezableRelay::freeze);
                    MigratoryServer origin = c.server("s1");
                    await(() -> !s.status().server().isEmpty() && !s.status().server().equals("s1"), "client failed over");
                    echoExactly(s, 1, 64 << 10);
                    assertThat(origin.fencedConnections()).isZero();
                    assertThat(origin.connections()).hasSize(1);

                    toClient.thaw();
                    fromOrigin.forEach(FreezableRelay::thaw);
                    await(() -> origin.fencedConnections() == 1 && origin.connections().isEmpty(),
                            "the old origin fenced its copy");
                    echoExactly(s, 2, 64 << 10);
                    assertThat(s.status().server()).isNotEqualTo("s1");
                }
            } finally {
                for (FreezableRelay r : relays) r.close();
            }
        }
    }

    /** Writes {@code length} bytes of {@code new Random(seed)} and reads the same bytes back, within the await bound. */
    private static void echoExactly(MigratorySocket s, long seed, int length) throws Exception {
        byte[] sent = new byte[length];
        new java.util.Random(seed).nextBytes(sent);
        CompletableFuture<byte[]> echoed = CompletableFuture.supplyAsync(() -> {
            try {
                return s.getInputStream().readNBytes(length);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        s.getOutputStream().write(sent);
        s.getOutputStream().flush();
        assertThat(echoed.get(AWAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo(sent);
    }

    private static FreezableRelay relay(List<FreezableRelay> relays, InetSocketAddress target) throws java.io.IOException {
        FreezableRelay r = new FreezableRelay(target);
        relays.add(r);
        return r;
    }

    private static void await(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + AWAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("not " + what + " within " + AWAIT);
            LockSupport.parkNanos(2_000_000L);   // polling the condition, bounded by the deadline
        }
    }
}
