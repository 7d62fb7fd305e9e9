package dev.mtcp.tools.trace;

import dev.mtcp.qos.observe.PcapObserver;
import dev.mtcp.qos.observe.PcapUnavailableException;
import java.io.EOFException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.pcap4j.core.BpfProgram;
import org.pcap4j.core.NotOpenException;
import org.pcap4j.core.PcapDumper;
import org.pcap4j.core.PcapHandle;
import org.pcap4j.core.PcapNativeException;
import org.pcap4j.core.Pcaps;
import org.pcap4j.packet.IpV4Packet;
import org.pcap4j.packet.IpV6Packet;
import org.pcap4j.packet.Packet;
import org.pcap4j.packet.TcpPacket;

/**
 * A pcap4j capture of the carriers on one TCP port, decoded into frame lines as packets arrive,
 * optionally written to a pcap file that Wireshark and tshark open. A live capture runs
 * {@code pcap_loop} on its own thread and is stopped with {@code pcap_breakloop}.
 */
public final class CarrierTrace implements AutoCloseable {
    private static final int SNAPLEN = 65_535;

    private final PcapHandle handle;
    private final PcapDumper dumper;
    private final TraceDecoder decoder;
    private final CountDownLatch finished = new CountDownLatch(1);
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile Exception failure;

    private CarrierTrace(PcapHandle handle, PcapDumper dumper, TraceDecoder decoder) {
        this.handle = handle;
        this.dumper = dumper;
        this.decoder = decoder;
    }

    /** Starts capturing carriers on {@code port} at {@code iface}; lines go to {@code out} from the capture thread. */
    public static CarrierTrace live(String iface, int port, Optional<Path> write, Consumer<String> out)
            throws PcapUnavailableException {
        PcapHandle handle = PcapObserver.openLive(iface, SNAPLEN);
        PcapDumper dumper = null;
        try {
            handle.setFilter("tcp port " + port, BpfProgram.BpfCompileMode.OPTIMIZE);
            if (write.isPresent()) {
                dumper = handle.dumpOpen(write.get().toString());
            }
        } catch (PcapNativeException | NotOpenException e) {
            handle.close();
            throw new PcapUnavailableException("cannot start the capture on " + iface + ": " + e.getMessage(), e);
        }
        CarrierTrace trace = new CarrierTrace(handle, dumper, new TraceDecoder(port, out));
        Thread.ofPlatform().daemon().name("mtcp-trace").start(trace::loop);
        return trace;
    }

    /** Decodes the carriers on {@code port} in a pcap file; returns how many frames were decoded. */
    public static long readFile(Path pcap, int port, Consumer<String> out) throws PcapUnavailableException {
        PcapHandle handle;
        try {
            handle = Pcaps.openOffline(pcap.toString(), PcapHandle.TimestampPrecision.MICRO);
        } catch (PcapNativeException e) {
            throw new PcapUnavailableException("cannot read " + pcap + " as a pcap file: " + e.getMessage(), e);
        } catch (UnsatisfiedLinkError | NoClassDefFoundError e) {
            throw new PcapUnavailableException("reading pcap files needs libpcap, which is not installed: "
                    + "install it (Debian/Ubuntu: apt-get install libpcap0.8)", e);
        }
        TraceDecoder decoder = new TraceDecoder(port, out);
        try (handle) {
            while (true) {
                Packet p;
                try {
                    p = handle.getNextPacketEx();
                } catch (EOFException e) {
                    return decoder.framesDecoded();
                } catch (TimeoutException e) {
                    continue;
                }
                segmentOf(p).ifPresent(decoder::onSegment);
            }
        } catch (PcapNativeException | NotOpenException e) {
            throw new PcapUnavailableException("error while reading " + pcap + ": " + e.getMessage(), e);
        }
    }

    private void loop() {
        try {
            handle.loop(-1, (Packet p) -> {
                if (dumper != null) {
                    try {
                        dumper.dump(p, handle.getTimestamp());
                    } catch (NotOpenException e) {
                        failure = e;
                    }
                }
                segmentOf(p).ifPresent(decoder::onSegment);
            });
        } catch (InterruptedException e) {
            // breakLoop: the normal way to stop
        } catch (PcapNativeException | NotOpenException | RuntimeException e) {
            failure = e;
        } finally {
            finished.countDown();
        }
    }

    /** Frames decoded so far. */
    public long framesDecoded() {
        return decoder.framesDecoded();
    }

    /** The error that ended the capture early, if any. */
    public Optional<Exception> failure() {
        return Optional.ofNullable(failure);
    }

    /** Stops the capture (breakLoop), waits for it to end, flushes the pcap file. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            handle.breakLoop();
            finished.await(5, TimeUnit.SECONDS);
        } catch (NotOpenException e) {
            // already closed
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (dumper != null) {
                dumper.close();
            }
            if (finished.getCount() == 0 && handle.isOpen()) {
                handle.close();
            }
        }
    }

    static Optional<TcpSegment> segmentOf(Packet packet) {
        TcpPacket tcp = packet.get(TcpPacket.class);
        if (tcp == null) {
            return Optional.empty();
        }
        InetAddress src;
        InetAddress dst;
        IpV4Packet v4 = packet.get(IpV4Packet.class);
        if (v4 != null) {
            src = v4.getHeader().getSrcAddr();
            dst = v4.getHeader().getDstAddr();
        } else {
            IpV6Packet v6 = packet.get(IpV6Packet.class);
            if (v6 == null) {
                return Optional.empty();
            }
            src = v6.getHeader().getSrcAddr();
            dst = v6.getHeader().getDstAddr();
        }
        TcpPacket.TcpHeader h = tcp.getHeader();
        byte[] payload = tcp.getPayload() == null ? new byte[0] : tcp.getPayload().getRawData();
        return Optional.of(new TcpSegment(new InetSocketAddress(src, h.getSrcPort().valueAsInt()),
                new InetSocketAddress(dst, h.getDstPort().valueAsInt()),
                Integer.toUnsignedLong(h.getSequenceNumber()), h.getSyn(), h.getFin(), h.getRst(), payload));
    }
}
