package dev.mtcp.harness.probe;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Measuring tools run inside the testbed's namespaces to check what a link really does. Each prints
 * {@code READY} once it listens (servers) and one {@code RESULT k=v k=v ...} line at the end.
 *
 * <pre>
 *   udp-echo PORT                                echo datagrams until stopped
 *   udp-ping HOST PORT COUNT INTERVAL_MS WAIT_MS  RESULT sent= received= rtts_us=a,b,c
 *   udp-sink PORT IDLE_MS MAX_MS                 RESULT packets= distinct= bytes= span_ns= rcvbuf_drops=
 *   udp-blast HOST PORT COUNT PPS SIZE           RESULT sent=
 *   tcp-sink PORT                                RESULT bytes= span_ns=   (first byte to end of stream)
 *   tcp-bulk HOST PORT SECONDS                   RESULT bytes=
 * </pre>
 */
public final class NetProbe {
    private static final int SEQUENCE_BYTES = 16;
    /** Large enough to ride out a scheduling stall of a second on a busy machine (the kernel caps it at rmem_max). */
    private static final int RECEIVE_BUFFER_BYTES = 4 << 20;
    private final PrintStream out;

    NetProbe(PrintStream out) {
        this.out = out;
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        if (args.length == 0) {
            out.println("usage: NetProbe udp-echo|udp-ping|udp-sink|udp-blast|tcp-sink|tcp-bulk ARGS");
            System.exit(2);
        }
        NetProbe probe = new NetProbe(out);
        switch (args[0]) {
            case "udp-echo" -> probe.udpEcho(Integer.parseInt(args[1]));
            case "udp-ping" -> probe.udpPing(args[1], Integer.parseInt(args[2]), Integer.parseInt(args[3]),
                    Integer.parseInt(args[4]), Integer.parseInt(args[5]));
            case "udp-sink" -> probe.udpSink(Integer.parseInt(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]));
            case "udp-blast" -> probe.udpBlast(args[1], Integer.parseInt(args[2]), Integer.parseInt(args[3]),
                    Integer.parseInt(args[4]), Integer.parseInt(args[5]));
            case "tcp-sink" -> probe.tcpSink(Integer.parseInt(args[1]));
            case "tcp-bulk" -> probe.tcpBulk(args[1], Integer.parseInt(args[2]), Integer.parseInt(args[3]));
            default -> {
                out.println("unknown probe '" + args[0] + "'");
                System.exit(2);
            }
        }
    }

    void udpEcho(int port) throws IOException {
        try (DatagramSocket socket = new DatagramSocket(port)) {
            socket.setReceiveBufferSize(RECEIVE_BUFFER_BYTES);
            out.println("READY");
            byte[] buffer = new byte[65536];
            while (true) {
                DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                socket.receive(packet);
                socket.send(new DatagramPacket(buffer, packet.getLength(), packet.getSocketAddress()));
            }
        }
    }

    void udpPing(String host, int port, int count, int intervalMillis, int waitMillis)
            throws IOException, InterruptedException {
        Map<Long, Long> rttNanos = new ConcurrentHashMap<>();
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.connect(new InetSocketAddress(host, port));
            CountDownLatch allBack = new CountDownLatch(count);
            Thread receiver = Thread.ofPlatform().start(() -> receivePongs(socket, rttNanos, allBack));
            long start = System.nanoTime();
            for (long seq = 0; seq < count; seq++) {
                LockSupport.parkNanos(start + seq * TimeUnit.MILLISECONDS.toNanos(intervalMillis) - System.nanoTime());
                byte[] ping = ByteBuffer.allocate(SEQUENCE_BYTES).putLong(seq).putLong(System.nanoTime()).array();
                socket.send(new DatagramPacket(ping, ping.length));
            }
            allBack.await(waitMillis, TimeUnit.MILLISECONDS); // pongs later than this count as lost
            socket.close();
            receiver.join(5000);
        }
        boolean complete = rttNanos.size() == count;
        List<String> rtts = new ArrayList<>();
        rttNanos.values().forEach(n -> rtts.add(Long.toString(n / 1000)));
        out.println("RESULT sent=" + count + " complete=" + complete + " received=" + rttNanos.size() + " rtts_us=" + String.join(",", rtts));
    }

    private static void receivePongs(DatagramSocket socket, Map<Long, Long> rttNanos, CountDownLatch allBack) {
        byte[] buffer = new byte[SEQUENCE_BYTES];
        try {
            while (true) {
                DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                socket.receive(packet);
                long now = System.nanoTime();
                ByteBuffer b = ByteBuffer.wrap(buffer);
                long seq = b.getLong();
                if (rttNanos.putIfAbsent(seq, now - b.getLong()) == null) {
                    allBack.countDown();
                }
            }
        } catch (IOException closed) {
            // the pinger closed the socket: measurement over
        }
    }

    void udpSink(int port, int idleMillis, int maxMillis) throws IOException {
        long packets = 0;
        long bytes = 0;
        long first = 0;
        long last = 0;
        BitSet seen = new BitSet();
        long bufferDropsBefore = receiveBufferDrops();
        try (DatagramSocket socket = new DatagramSocket(port)) {
            socket.setReceiveBufferSize(RECEIVE_BUFFER_BYTES);
            out.println("READY");
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(maxMillis);
            byte[] buffer = new byte[65536];
            while (System.nanoTime() < deadline) {
                socket.setSoTimeout(packets == 0 ? (int) Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())) : idleMillis);
                DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                try {
                    socket.receive(packet);
                } catch (SocketTimeoutException idle) {
                    break;
                }
                last = System.nanoTime();
                first = packets == 0 ? last : first;
                packets++;
                bytes += packet.getLength();
                if (packet.getLength() >= 8) {
                    seen.set((int) ByteBuffer.wrap(buffer).getLong());
                }
            }
        }
        out.println("RESULT packets=" + packets + " distinct=" + seen.cardinality() + " bytes=" + bytes
                + " span_ns=" + (last - first) + " rcvbuf_drops=" + (receiveBufferDrops() - bufferDropsBefore));
    }

    /**
     * UDP datagrams this namespace dropped because a socket's receive buffer was full
     * ({@code RcvbufErrors} in {@code /proc/net/snmp}, which is per network namespace): the
     * receiving host's drops, not the link's.
     */
    static long receiveBufferDrops() {
        try {
            List<String> udp = Files.readAllLines(Path.of("/proc/net/snmp")).stream()
                    .filter(line -> line.startsWith("Udp:")).toList();
            List<String> names = List.of(udp.get(0).split("\\s+"));
            return Long.parseLong(udp.get(1).split("\\s+")[names.indexOf("RcvbufErrors")]);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    void udpBlast(String host, int port, int count, int packetsPerSecond, int size) throws IOException {
        byte[] payload = new byte[Math.max(size, 8)];
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.connect(new InetSocketAddress(host, port));
            long gapNanos = TimeUnit.SECONDS.toNanos(1) / packetsPerSecond;
            long next = System.nanoTime();
            for (int seq = 0; seq < count; seq++) {
                LockSupport.parkNanos(next - System.nanoTime());
                ByteBuffer.wrap(payload).putLong(seq);
                socket.send(new DatagramPacket(payload, payload.length));
                // after a stall, go on at the pace instead of catching up in a burst the link would have to queue
                next = Math.max(next + gapNanos, System.nanoTime());
            }
        }
        out.println("RESULT sent=" + count);
    }

    void tcpSink(int port) throws IOException {
        try (ServerSocket server = new ServerSocket(port)) {
            out.println("READY");
            try (Socket socket = server.accept(); InputStream in = socket.getInputStream()) {
                byte[] buffer = new byte[65536];
                long bytes = 0;
                long first = 0;
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    first = bytes == 0 ? System.nanoTime() : first;
                    bytes += n;
                }
                out.println("RESULT bytes=" + bytes + " span_ns=" + (System.nanoTime() - first));
            }
        }
    }

    void tcpBulk(String host, int port, int seconds) throws IOException {
        long bytes = 0;
        try (Socket socket = new Socket(host, port); OutputStream output = socket.getOutputStream()) {
            byte[] chunk = new byte[16384];
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            while (System.nanoTime() < end) {
                output.write(chunk);
                bytes += chunk.length;
            }
        }
        out.println("RESULT bytes=" + bytes);
    }
}
