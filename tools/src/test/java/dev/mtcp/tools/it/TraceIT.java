package dev.mtcp.tools.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mtcp.protocol.ConnectionId;
import dev.mtcp.protocol.ErrorCode;
import dev.mtcp.protocol.frame.Ack;
import dev.mtcp.protocol.frame.Close;
import dev.mtcp.protocol.frame.Data;
import dev.mtcp.protocol.frame.Fin;
import dev.mtcp.protocol.frame.Frame;
import dev.mtcp.protocol.frame.FrameReader;
import dev.mtcp.protocol.frame.FrameWriter;
import dev.mtcp.protocol.frame.HelloNew;
import dev.mtcp.protocol.frame.Limits;
import dev.mtcp.protocol.frame.Welcome;
import dev.mtcp.qos.observe.PcapObserver;
import dev.mtcp.qos.observe.PcapUnavailableException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code mtcp trace} as a real process capturing a short mtcp session on loopback (root and libpcap). */
@Timeout(90)
class TraceIT {
    private static final ConnectionId ID = ConnectionId.random();

    @Test
    void shouldDecodeEveryFrameOfAShortSessionLiveAndFromTheWrittenPcap(@TempDir Path dir) throws Exception {
        assumeCaptureWorks();
        Path pcap = dir.resolve("session.pcap");
        try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            int port = server.getLocalPort();
            try (MtcpProcess trace = MtcpProcess.start("trace", "trace", "--iface", "lo", "--port",
                    String.valueOf(port), "--write", pcap.toString(), "--duration", "60")) {
                trace.awaitLine(Pattern.compile("^-- capturing tcp port " + port), Duration.ofSeconds(30));
                CompletableFuture<List<Frame>> serverSide = CompletableFuture.supplyAsync(() -> serve(server));
                runClient(port);
                assertThat(serverSide.get(10, TimeUnit.SECONDS)).hasSize(3);

                String id = ID.hex();
                trace.awaitLine(Pattern.compile("^>> DATA conn=" + id + " off=0 len=5$"), Duration.ofSeconds(10));
                trace.awaitLine(Pattern.compile("^<< CLOSE conn=" + id + " code=NORMAL_CLOSE"), Duration.ofSeconds(10));
                trace.terminate();
                trace.awaitLine(Pattern.compile("^-- 6 frames decoded$"), Duration.ofSeconds(10));
                assertThat(trace.output()).contains(">> HELLO kind=NEW version=1 service=video",
                        "<< WELCOME conn=" + id + " epoch=1 server=s1", "<< ACK conn=" + id + " off=5",
                        ">> FIN conn=" + id + " off=5");
            }
            assertThat(pcap).isRegularFile();
            MtcpProcess.Finished read = MtcpProcess.run(Duration.ofSeconds(30), "trace", "--read", pcap.toString(),
                    "--port", String.valueOf(port));
            assertThat(read.exitCode()).as(read.err()).isZero();
            assertThat(read.out()).contains(">> DATA conn=" + ID.hex() + " off=0 len=5", "-- 6 frames decoded from");
        }
    }

    @Test
    void shouldSayClearlyWhenThePcapFileIsMissing(@TempDir Path dir) throws Exception {
        MtcpProcess.Finished read = MtcpProcess.run(Duration.ofSeconds(30), "trace", "--read",
                dir.resolve("none.pcap").toString(), "--port", "7001");
        assertThat(read.exitCode()).isEqualTo(3);
        assertThat(read.err()).contains("cannot read").contains("none.pcap").doesNotContain("Exception");
    }

    private static void assumeCaptureWorks() {
        try {
            PcapObserver.openLive("lo", 128).close();
        } catch (PcapUnavailableException | RuntimeException | LinkageError e) {
            Assumptions.abort("SKIPPED: mtcp trace needs root and libpcap0.8 (run ./test as root): " + e.getMessage());
        }
    }

    private static void runClient(int port) throws Exception {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            FrameWriter out = new FrameWriter(s.getOutputStream());
            FrameReader in = new FrameReader(s.getInputStream());
            out.write(new HelloNew(Limits.VERSION, "video", new byte[32]));
            out.flush();
            assertThat(in.read()).isInstanceOf(Welcome.class);
            out.write(new Data(0, "hello".getBytes()));
            out.write(new Fin(5));
            out.flush();
            assertThat(in.read()).isEqualTo(new Ack(5));
            assertThat(in.read()).isInstanceOf(Close.class);
        }
    }

    private static List<Frame> serve(ServerSocket server) {
        try (Socket s = server.accept()) {
            FrameReader in = new FrameReader(s.getInputStream());
            FrameWriter out = new FrameWriter(s.getOutputStream());
            Frame hello = in.read();
            out.write(new Welcome(ID, 1, "s1", new byte[32], new byte[16], 0, 0, List.of(), new byte[32]));
            out.flush();
            Frame data = in.read();
            Frame fin = in.read();
            out.write(new Ack(5));
            out.write(new Close(ErrorCode.NORMAL_CLOSE, "done"));
            out.flush();
            return List.of(hello, data, fin);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
