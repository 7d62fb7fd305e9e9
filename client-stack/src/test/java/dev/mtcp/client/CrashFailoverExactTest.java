package dev.mtcp.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mtcp.client.proxy.ForwardProxy;
import dev.mtcp.server.Durability;
import dev.mtcp.server.apps.EchoApp;
import dev.mtcp.server.apps.StreamApp;
import dev.mtcp.server.apps.StreamSequence;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Crash failover (issue 4): three servers, each the others' backup with ack-on-replicate; the
 * server serving a connection is crashed (every socket reset at once, as SIGKILL leaves them) in the
 * middle of a transfer, and the transfer completes byte-exact on another server.
 */
@Timeout(60)
class CrashFailoverExactTest {
    private static final Duration AWAIT = Duration.ofSeconds(10);

    @Test
    void shouldCompleteStreamDownloadExactWhenServingServerCrashes() throws Exception {
        try (FailoverCluster c = new FailoverCluster(3, new StreamApp())) {
            c.startAll();
            c.awaitReplicationReady(AWAIT);
            try (MigratorySocket s = MigratorySocket.connect(c.clientConfig())) {
                long length = 24L << 20;
                long seed = 77;
                s.getOutputStream().write(("STREAM " + length + " " + seed + "\n").getBytes(StandardCharsets.US_ASCII));
                AtomicLong received = new AtomicLong();
                CompletableFuture<Long> reader = CompletableFuture.supplyAsync(() -> readStream(s, seed, length, received));
                awaitAtLeast(received, length / 4);
                String origin = s.status().server();
                c.crash(origin);
                assertThat(reader.get(30, TimeUnit.SECONDS)).isEqualTo(length);
                assertThat(s.status().server()).isNotEqualTo(origin);
                assertThat(s.status().migrations()).isGreaterThanOrEqualTo(1);
            }
        }
    }

    /**
     * The multi-process FailoverProcessIT stream case, in one JVM: an unchanged client through the
     * forward proxy asks for one stream and half-closes (no further request), reads to the end of
     * stream, and the serving server crashes mid-reply. The stream app keeps a connection open for the
     * next request after a reply, so the end of stream comes only from the half-close: it must cross
     * the takeover from a replica (upstream FIN replicated, the resumed app ends its output, FIN
     * through the proxy), right after exactly {@code length} bytes.
     */
    @Test
    void shouldEndAHalfClosedStreamRequestExactlyAtItsLengthThroughTheProxyWhenServingServerCrashes() throws Exception {
        try (FailoverCluster c = new FailoverCluster(3, new StreamApp())) {
            c.startAll();
            c.awaitReplicationReady(AWAIT);
            try (ForwardProxy proxy = ForwardProxy.start(new InetSocketAddress("127.0.0.1", 0), c.clientConfig());
                 Socket plain = new Socket()) {
                plain.connect(proxy.address(), 2000);
                long length = 24L << 20;
                long seed = -3_141_592_653_589_793L;
                plain.getOutputStream().write(("STREAM " + length + " " + seed + "\n").getBytes(StandardCharsets.US_ASCII));
                plain.shutdownOutput();
                plain.setSoTimeout(20_000);   // a missing end of stream fails the read instead of hanging
                AtomicLong received = new AtomicLong();
                CompletableFuture<Long> reader = CompletableFuture.supplyAsync(() -> readToEnd(plain, seed, received));
                awaitAtLeast(received, length / 4);
                List<ConnectionStatus> before = proxy.connections();
                assertThat(before).hasSize(1);
                String origin = before.get(0).server();
                c.crash(origin);
                assertThat(reader.get(30, TimeUnit.SECONDS)).as("bytes before the end of stream").isEqualTo(length);
                assertThat(c.ids().stream().filter(c::isRunning).mapToLong(id -> c.server(id).stats().migrationsIn()).sum())
                        .as("a surviving server took the connection over").isPositive();
            }
        }
    }

    @Test
    void shouldKeepEchoExactBothWaysWhenServingServerCrashes() throws Exception {
        try (FailoverCluster c = new FailoverCluster(3, new EchoApp())) {
            c.startAll();
            c.awaitReplicationReady(AWAIT);
            try (MigratorySocket s = MigratorySocket.connect(c.clientConfig())) {
                long length = 16L << 20;
                long seed = 5;
                AtomicLong received = new AtomicLong();
                CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> writeSequence(s, seed, length));
                CompletableFuture<Long> reader = CompletableFuture.supplyAsync(() -> readStream(s, seed, Long.MAX_VALUE, received));
                awaitAtLeast(received, length / 3);
                String origin = s.status().server();
                c.crash(origin);
                writer.get(30, TimeUnit.SECONDS);
                s.shutdownOutput();
                assertThat(reader.get(30, TimeUnit.SECONDS)).isEqualTo(length);
                assertThat(s.status().server()).isNotEqualTo(origin);
            }
        }
    }

    @Test
    void shouldFailAppStreamsWithinGiveUpTimeWhenEveryServerHoldingTheStateDies() throws Exception {
        // s4 is a server of the group with no backup role: it can take connections, but holds no state
        try (FailoverCluster c = new FailoverCluster(4, new EchoApp(), List.of("s4"), Durability.ACK_ON_REPLICATE)) {
            c.startAll();
            c.awaitReplicationReady(AWAIT);
            ClientConfig cfg = c.clientConfig();
            cfg = cfg.withTimeouts(cfg.deadAfter(), cfg.pingInterval(), Duration.ofSeconds(2));
            try (MigratorySocket s = MigratorySocket.connect(cfg)) {
                s.getOutputStream().write(new byte[] {1, 2, 3});
                assertThat(s.getInputStream().readNBytes(3)).containsExactly(1, 2, 3);
                assertThat(s.status().server()).isEqualTo("s1");
                long t0 = System.nanoTime();
                c.crash("s1");
                c.crash("s2");
                c.crash("s3");
                assertThatThrownBy(() -> s.getInputStream().read())
                        .isInstanceOf(IOException.class).hasMessageContaining("no server could take the connection over");
                assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(5));
                assertThat(s.status().state()).isEqualTo("FAILED");
                assertThat(c.server("s4").stats().rejected(dev.mtcp.protocol.ErrorCode.STATE_UNAVAILABLE)).isPositive();
            }
        }
    }

    @Test
    void shouldResetThePlainAppConnectionThroughTheProxyWhenEveryServerHoldingTheStateDies() throws Exception {
        try (FailoverCluster c = new FailoverCluster(4, new EchoApp(), List.of("s4"), Durability.ACK_ON_REPLICATE)) {
            c.startAll();
            c.awaitReplicationReady(AWAIT);
            ClientConfig cfg = c.clientConfig();
            cfg = cfg.withTimeouts(cfg.deadAfter(), cfg.pingInterval(), Duration.ofSeconds(2));
            try (dev.mtcp.client.proxy.ForwardProxy proxy = dev.mtcp.client.proxy.ForwardProxy.start(
                    new java.net.InetSocketAddress("127.0.0.1", 0), cfg);
                 java.net.Socket plain = new java.net.Socket()) {
                plain.connect(proxy.address(), 2000);
                plain.getOutputStream().write(42);
                assertThat(plain.getInputStream().read()).isEqualTo(42);
                long t0 = System.nanoTime();
                c.crash("s1");
                c.crash("s2");
                c.crash("s3");
                plain.setSoTimeout(10_000);
                assertThatThrownBy(() -> plain.getInputStream().read())
                        .isInstanceOf(java.net.SocketException.class).hasMessageContaining("reset");
                assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(5));
                long deadline = System.nanoTime() + AWAIT.toNanos();
                while (proxy.gaveUpCount() == 0 && System.nanoTime() < deadline) {
                    java.util.concurrent.locks.LockSupport.parkNanos(1_000_000L);   // polling, bounded by the deadline
                }
                assertThat(proxy.gaveUpCount()).isEqualTo(1);
            }
        }
    }

    static long readStream(MigratorySocket s, long seed, long length, AtomicLong received) {
        try {
            InputStream in = s.getInputStream();
            byte[] buf = new byte[64 * 1024];
            byte[] expected = new byte[buf.length];
            long pos = 0;
            while (pos < length) {
                int n = in.read(buf, 0, (int) Math.min(buf.length, length - pos));
                if (n < 0) break;
                StreamSequence.fill(seed, pos, expected, 0, n);
                for (int i = 0; i < n; i++) {
                    if (buf[i] != expected[i]) throw new AssertionError("wrong byte at offset " + (pos + i));
                }
                pos += n;
                received.set(pos);
            }
            return pos;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Reads a plain socket to its end of stream, checking every byte is the stream's; returns the count. */
    static long readToEnd(Socket plain, long seed, AtomicLong received) {
        try {
            InputStream in = plain.getInputStream();
            byte[] buf = new byte[64 * 1024];
            byte[] expected = new byte[buf.length];
            long pos = 0;
            for (int n; (n = in.read(buf)) >= 0; ) {
                StreamSequence.fill(seed, pos, expected, 0, n);
                if (!java.util.Arrays.equals(buf, 0, n, expected, 0, n)) {
                    throw new AssertionError("wrong stream bytes in [" + pos + ", " + (pos + n) + ")");
                }
                pos += n;
                received.set(pos);
            }
            return pos;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("the stream failed after " + received.get() + " bytes", e);
        }
    }

    static void writeSequence(MigratorySocket s, long seed, long length) {
        try {
            OutputStream out = s.getOutputStream();
            byte[] buf = new byte[40 * 1024];
            long pos = 0;
            while (pos < length) {
                int n = (int) Math.min(buf.length, length - pos);
                StreamSequence.fill(seed, pos, buf, 0, n);
                out.write(buf, 0, n);
                pos += n;
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static void awaitAtLeast(AtomicLong value, long atLeast) {
        long deadline = System.nanoTime() + AWAIT.toNanos();
        while (value.get() < atLeast) {
            if (System.nanoTime() > deadline) throw new AssertionError("only " + value.get() + " of " + atLeast + " bytes in time");
            java.util.concurrent.locks.LockSupport.parkNanos(1_000_000L);   // polling, bounded by the deadline
        }
    }
}
