package dev.mtcp.client.qos;

import dev.mtcp.protocol.ErrorCode;
import dev.mtcp.protocol.ProtocolException;
import dev.mtcp.protocol.frame.Close;
import dev.mtcp.protocol.frame.Data;
import dev.mtcp.protocol.frame.Frame;
import dev.mtcp.protocol.frame.FrameReader;
import dev.mtcp.protocol.frame.FrameWriter;
import dev.mtcp.protocol.frame.HelloProbe;
import dev.mtcp.protocol.frame.Limits;
import dev.mtcp.protocol.frame.Ping;
import dev.mtcp.protocol.frame.Pong;
import dev.mtcp.qos.decision.CandidateInfo;
import dev.mtcp.qos.decision.TargetProber;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.StandardSocketOptions;
import java.nio.channels.SocketChannel;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Measures an alternate server over a real PROBE carrier: a fresh TCP connection, HELLO(PROBE) and
 * its PONG (the server's load), {@link #PINGS} PING/PONG round trips (the smallest is the RTT), then
 * a goodput sample: {@code sampleBytes} of DATA frames that the server echoes back (the server
 * echoes at most 1 MiB per probe carrier); goodput = sample bits ÷ (first byte sent → last echoed
 * byte received). The echo crosses the path both ways, so the sample is bounded by the slower
 * direction, as a download that also sends ACKs is. A failure or the timeout gives
 * {@link CandidateInfo#unreachable}; the future never completes exceptionally.
 */
public final class ProbeCarrierProber implements TargetProber {
    private static final Logger LOG = LoggerFactory.getLogger(ProbeCarrierProber.class);
    /** Default goodput sample: long enough to leave slow start on a LAN, short enough for a WAN link. */
    public static final int DEFAULT_SAMPLE_BYTES = 256 * 1024;
    static final int PINGS = 3;
    private static final int FRAME_BYTES = 16 * 1024;
    private static final int MAX_SAMPLE_BYTES = 1024 * 1024;

    private final String connectionId;
    private final Supplier<Map<String, InetSocketAddress>> servers;
    private final InstantSource clock;
    private final int sampleBytes;
    private final SecureRandom random = new SecureRandom();

    /**
     * @param connectionId the connection the probes are for (logs only)
     * @param servers      the addresses of the servers by id (read at each probe)
     * @param clock        time for RTT and goodput measurements and {@code measuredAt}
     * @param sampleBytes  size of the goodput sample, 0 for none (RTT and load only), at most 1 MiB
     */
    public ProbeCarrierProber(String connectionId, Supplier<Map<String, InetSocketAddress>> servers,
                              InstantSource clock, int sampleBytes) {
        this.connectionId = Objects.requireNonNull(connectionId, "connectionId");
        this.servers = Objects.requireNonNull(servers, "servers");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (sampleBytes < 0 || sampleBytes > MAX_SAMPLE_BYTES) {
            throw new IllegalArgumentException("sampleBytes must be 0.." + MAX_SAMPLE_BYTES + ", got " + sampleBytes);
        }
        this.sampleBytes = sampleBytes;
    }

    @Override
    public CompletableFuture<CandidateInfo> probe(String serverId, Duration timeout) {
        CompletableFuture<CandidateInfo> result = new CompletableFuture<>();
        Thread.ofVirtual().name("mtcp-probe-" + serverId).start(() -> result.complete(probeNow(serverId, timeout)));
        return result;
    }

    /** Probes on the calling thread. */
    CandidateInfo probeNow(String serverId, Duration timeout) {
        InetSocketAddress address = servers.get().get(serverId);
        if (address == null) {
            LOG.debug("conn={} probe: no address known for server {}", connectionId, serverId);
            return CandidateInfo.unreachable(serverId, clock.instant());
        }
        Instant deadline = clock.instant().plus(timeout);
        try (SocketChannel ch = SocketChannel.open()) {
            Socket socket = ch.socket();
            socket.connect(address, remainingMillis(deadline));
            ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
            socket.setSoTimeout(remainingMillis(deadline));
            FrameReader reader = new FrameReader(new BufferedInputStream(socket.getInputStream(), 64 * 1024));
            FrameWriter writer = new FrameWriter(new BufferedOutputStream(socket.getOutputStream(), 64 * 1024));
            CandidateInfo info = measure(serverId, reader, writer, deadline);
            writer.write(new Close(ErrorCode.NORMAL_CLOSE, "probe done"));
            writer.flush();
            LOG.debug("conn={} probe of {} at {}: {}", connectionId, serverId, address, info);
            return info;
        } catch (IOException | ProtocolException | RuntimeException e) {
            LOG.debug("conn={} probe of {} at {} failed: {}", connectionId, serverId, address, e.toString());
            return CandidateInfo.unreachable(serverId, clock.instant());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return CandidateInfo.unreachable(serverId, clock.instant());
        }
    }

    private CandidateInfo measure(String serverId, FrameReader reader, FrameWriter writer, Instant deadline)
            throws IOException, ProtocolException, InterruptedException {
        long nonce = random.nextLong();
        writer.write(new HelloProbe(Limits.VERSION, nonce));
        writer.flush();
        int load = expectPong(reader.read(), nonce).loadPermille();
        Duration rtt = null;
        for (int i = 1; i <= PINGS; i++) {
            Instant sent = clock.instant();
            writer.write(new Ping(i, 0));
            writer.flush();
            load = expectPong(reader.read(), i).loadPermille();
            Duration sample = Duration.between(sent, clock.instant());
            rtt = rtt == null || sample.compareTo(rtt) < 0 ? sample : rtt;
        }
        OptionalLong goodput = sampleBytes == 0 ? OptionalLong.empty()
                : OptionalLong.of(sampleGoodput(reader, writer, deadline));
        return new CandidateInfo(serverId, true, Optional.of(rtt), goodput, OptionalInt.of(load), clock.instant());
    }

    /** Sends the sample on a writer thread while this thread reads the echo; returns bits per second. */
    private long sampleGoodput(FrameReader reader, FrameWriter writer, Instant deadline)
            throws IOException, ProtocolException, InterruptedException {
        AtomicReference<IOException> writeFailure = new AtomicReference<>();
        Instant start = clock.instant();
        Thread sender = Thread.ofVirtual().start(() -> {
            try {
                byte[] chunk = new byte[FRAME_BYTES];
                for (long off = 0; off < sampleBytes; off += FRAME_BYTES) {
                    int n = (int) Math.min(FRAME_BYTES, sampleBytes - off);
                    writer.write(new Data(off, n == FRAME_BYTES ? chunk : new byte[n]));
                }
                writer.flush();
            } catch (IOException e) {
                writeFailure.set(e);
            }
        });
        long echoed = 0;
        while (echoed < sampleBytes) {
            Frame f = reader.read();
            if (!(f instanceof Data d)) {
                throw new ProtocolException(ErrorCode.PROTOCOL_ERROR,
                        "expected the DATA echo on the probe carrier, got " + (f == null ? "EOF" : f.type()));
            }
            echoed += d.length();
        }
        Duration took = Duration.between(start, clock.instant());
        sender.join(Math.max(1, remainingMillis(deadline)));
        if (writeFailure.get() != null) {
            throw writeFailure.get();
        }
        long nanos = Math.max(1, took.toNanos());
        return Math.round(sampleBytes * 8e9 / nanos);
    }

    private static Pong expectPong(Frame f, long id) throws ProtocolException, IOException {
        return switch (f) {
            case Pong p when p.id() == id -> p;
            case null -> throw new IOException("the server closed the probe carrier");
            default -> throw new ProtocolException(ErrorCode.PROTOCOL_ERROR,
                    "expected PONG " + id + " on the probe carrier, got " + f);
        };
    }

    private int remainingMillis(Instant deadline) throws IOException {
        long ms = Duration.between(clock.instant(), deadline).toMillis();
        if (ms <= 0) {
            throw new IOException("probe timed out");
        }
        return (int) Math.min(Integer.MAX_VALUE, ms);
    }
}
