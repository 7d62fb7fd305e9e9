package dev.mtcp.qos.observe;

import java.util.Optional;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.pcap4j.core.BpfProgram;
import org.pcap4j.core.NotOpenException;
import org.pcap4j.core.PcapHandle;
import org.pcap4j.core.PcapNativeException;
import org.pcap4j.core.PcapNetworkInterface;
import org.pcap4j.packet.IpV4Packet;
import org.pcap4j.packet.IpV6Packet;
import org.pcap4j.packet.Packet;
import org.pcap4j.packet.TcpPacket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Passive observer of one carrier (pcap4j over libpcap): captures the carrier's own 4-tuple with a
 * BPF filter and derives RTT samples and retransmissions from the packets ({@link SegmentTracker}),
 * an independent signal next to TCP_INFO that also sees the server's retransmissions.
 *
 * <p>Needs Debian {@code libpcap0.8} and root or CAP_NET_RAW; {@link #start} says which is missing.
 * The capture runs {@code pcap_loop} on its own platform thread; {@link #stop} calls
 * {@code pcap_breakloop} (never {@code getNextPacket} + {@code close}, which can hang), waits for
 * the loop to return, then closes the handle.
 */
public final class PcapObserver implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PcapObserver.class);
    private static final int SNAPLEN = 256;
    private static final int READ_TIMEOUT_MILLIS = 100;
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);

    private final PcapHandle handle;
    private final CarrierTuple tuple;
    private final SegmentTracker tracker;
    private final Thread thread;
    private final CountDownLatch finished = new CountDownLatch(1);
    private final AtomicLong packets = new AtomicLong();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    private PcapObserver(PcapHandle handle, CarrierTuple tuple, PacketObservations sink) {
        this.handle = handle;
        this.tuple = tuple;
        this.tracker = new SegmentTracker(sink);
        this.thread = Thread.ofPlatform().daemon().name("mtcp-pcap-" + tuple.local().getPort() + "-"
                + tuple.remote().getPort()).unstarted(this::run);
    }

    /**
     * Starts capturing {@code tuple} on {@code iface} ({@code any} captures on every interface).
     *
     * @throws PcapUnavailableException when libpcap is missing, the process may not capture, or the
     *                                  interface does not exist; the message says what to do
     */
    public static PcapObserver start(String iface, CarrierTuple tuple, PacketObservations sink)
            throws PcapUnavailableException {
        Objects.requireNonNull(iface, "iface");
        Objects.requireNonNull(tuple, "tuple");
        Objects.requireNonNull(sink, "sink");
        PcapHandle handle = openLive(iface, SNAPLEN);
        try {
            handle.setFilter(tuple.bpfFilter(), BpfProgram.BpfCompileMode.OPTIMIZE);
        } catch (PcapNativeException | NotOpenException e) {
            handle.close();
            throw new PcapUnavailableException("cannot set the capture filter on " + iface + ": " + e.getMessage(), e);
        }
        PcapObserver observer = new PcapObserver(handle, tuple, sink);
        observer.thread.start();
        LOG.info("pcap observer on {} for {} -> {}", iface, tuple.local(), tuple.remote());
        return observer;
    }

    /**
     * Opens a live capture handle on {@code iface}, or says exactly why it cannot (libpcap missing,
     * no permission, no such interface). Shared with {@code mtcp trace}.
     */
    public static PcapHandle openLive(String iface, int snaplen) throws PcapUnavailableException {
        try {
            return new PcapHandle.Builder(iface).snaplen(snaplen)
                    .promiscuousMode(PcapNetworkInterface.PromiscuousMode.NONPROMISCUOUS)
                    .timeoutMillis(READ_TIMEOUT_MILLIS).immediateMode(true).build();
        } catch (UnsatisfiedLinkError | NoClassDefFoundError e) {
            throw new PcapUnavailableException("packet capture needs libpcap, which is not installed: "
                    + "install it (Debian/Ubuntu: apt-get install libpcap0.8) or use observer: tcp_info", e);
        } catch (PcapNativeException e) {
            String msg = String.valueOf(e.getMessage());
            if (msg.contains("ermission") || msg.contains("not permitted")) {
                throw new PcapUnavailableException("packet capture on " + iface + " needs root or CAP_NET_RAW ("
                        + msg.strip() + "): run as root, grant the capability (setcap cap_net_raw+ep on the java "
                        + "binary), or use observer: tcp_info", e);
            }
            if (msg.contains("No such device") || msg.contains("doesn't exist") || msg.contains("no such")) {
                throw new PcapUnavailableException("no capture interface named " + iface + " (" + msg.strip() + ")", e);
            }
            throw new PcapUnavailableException("cannot capture on " + iface + ": " + msg.strip(), e);
        }
    }

    private void run() {
        try {
            handle.loop(-1, this::onPacket);
        } catch (InterruptedException e) {
            LOG.debug("pcap observer for {} -> {}: loop broken", tuple.local(), tuple.remote());
        } catch (PcapNativeException | NotOpenException | RuntimeException e) {
            failure.set(e);
            LOG.warn("pcap observer for {} -> {} stopped: {}", tuple.local(), tuple.remote(), e.toString());
        } finally {
            finished.countDown();
        }
    }

    private void onPacket(Packet packet) {
        TcpPacket tcp = packet.get(TcpPacket.class);
        if (tcp == null) {
            return;
        }
        packets.incrementAndGet();
        TcpPacket.TcpHeader h = tcp.getHeader();
        boolean fromClient = h.getSrcPort().valueAsInt() == tuple.local().getPort()
                && h.getDstPort().valueAsInt() == tuple.remote().getPort();
        PacketObservations.Direction dir = fromClient
                ? PacketObservations.Direction.CLIENT_TO_SERVER : PacketObservations.Direction.SERVER_TO_CLIENT;
        Timestamp ts = handle.getTimestamp();
        long nanos = ts.getTime() / 1000 * 1_000_000_000L + ts.getNanos();
        tracker.onSegment(new SegmentTracker.Segment(dir, Integer.toUnsignedLong(h.getSequenceNumber()),
                payloadBytes(packet, h), h.getSyn(), h.getFin(), h.getAck(),
                Integer.toUnsignedLong(h.getAcknowledgmentNumber()), nanos));
    }

    /** TCP payload length from the IP lengths (the capture is truncated to the headers). */
    private static int payloadBytes(Packet packet, TcpPacket.TcpHeader tcp) {
        int tcpHeader = tcp.getDataOffsetAsInt() * 4;
        IpV4Packet v4 = packet.get(IpV4Packet.class);
        if (v4 != null) {
            IpV4Packet.IpV4Header ip = v4.getHeader();
            return Math.max(0, ip.getTotalLengthAsInt() - ip.getIhlAsInt() * 4 - tcpHeader);
        }
        IpV6Packet v6 = packet.get(IpV6Packet.class);
        if (v6 != null) {
            return Math.max(0, v6.getHeader().getPayloadLengthAsInt() - tcpHeader);
        }
        return 0;
    }

    /** TCP packets of the carrier seen so far. */
    public long packetsSeen() {
        return packets.get();
    }

    /** Stops the capture: breakLoop, wait for the loop to return, close the handle. Idempotent. */
    public void stop() {
        if (finished.getCount() > 0) {
            try {
                handle.breakLoop();
            } catch (NotOpenException e) {
                LOG.debug("pcap handle already closed", e);
            }
            try {
                if (!finished.await(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                    LOG.warn("pcap loop for {} -> {} did not end within {}; closing anyway", tuple.local(),
                            tuple.remote(), STOP_TIMEOUT);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (handle.isOpen() && finished.getCount() == 0) {
            handle.close();
        }
    }

    /** The error that ended the capture early, if any. */
    public Optional<Throwable> failure() {
        return Optional.ofNullable(failure.get());
    }

    @Override
    public void close() {
        stop();
    }
}
