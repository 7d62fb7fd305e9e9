package dev.mtcp.tools.trace;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mtcp.protocol.ConnectionId;
import dev.mtcp.protocol.ErrorCode;
import dev.mtcp.protocol.frame.Ack;
import dev.mtcp.protocol.frame.Close;
import dev.mtcp.protocol.frame.Data;
import dev.mtcp.protocol.frame.FrameWriter;
import dev.mtcp.protocol.frame.HelloNew;
import dev.mtcp.protocol.frame.Limits;
import dev.mtcp.protocol.frame.Welcome;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class TraceDecoderTest {
    private static final InetSocketAddress CLIENT = new InetSocketAddress("127.0.0.1", 40_000);
    private static final InetSocketAddress SERVER = new InetSocketAddress("127.0.0.1", 7001);
    private static final ConnectionId ID = ConnectionId.random();

    private final List<String> lines = new ArrayList<>();
    private final TraceDecoder decoder = new TraceDecoder(7001, lines::add);

    @Test
    void shouldDecodeBothDirectionsAndNameTheConnectionOnceKnown() throws Exception {
        byte[] up = encode(new HelloNew(Limits.VERSION, "video", new byte[32]), new Data(0, new byte[5]),
                new Close(ErrorCode.NORMAL_CLOSE, "bye"));
        byte[] down = encode(welcome(), new Ack(5));
        syn(CLIENT, SERVER, 1000);
        syn(SERVER, CLIENT, 5000);
        // Client's HELLO first, then the server's WELCOME, then the rest, as on the wire.
        int helloLength = encode(new HelloNew(Limits.VERSION, "video", new byte[32])).length;
        segment(CLIENT, SERVER, 1001, Arrays.copyOfRange(up, 0, helloLength));
        segment(SERVER, CLIENT, 5001, down);
        segment(CLIENT, SERVER, 1001 + helloLength, Arrays.copyOfRange(up, helloLength, up.length));

        assertThat(lines).containsExactly(
                ">> HELLO kind=NEW version=" + Limits.VERSION + " service=video",
                "<< WELCOME conn=" + ID.hex() + " epoch=1 server=s1 upDurable=0 downStart=0 alternates=0",
                "<< ACK conn=" + ID.hex() + " off=5",
                ">> DATA conn=" + ID.hex() + " off=0 len=5",
                ">> CLOSE conn=" + ID.hex() + " code=NORMAL_CLOSE reason=bye");
    }

    @Test
    void shouldDecodeFramesSplitAcrossSegmentsOutOfOrderAndRetransmitted() throws Exception {
        byte[] up = encode(new Data(0, new byte[3000]), new Data(3000, new byte[10]));
        syn(CLIENT, SERVER, 0xFFFF_FF00L); // sequence numbers wrap inside this stream
        long first = 0xFFFF_FF01L;
        byte[] a = Arrays.copyOfRange(up, 0, 1000);
        byte[] b = Arrays.copyOfRange(up, 1000, 2500);
        byte[] c = Arrays.copyOfRange(up, 2500, up.length);
        segment(CLIENT, SERVER, (first + 2500) & 0xFFFF_FFFFL, c); // early
        segment(CLIENT, SERVER, first, a);
        segment(CLIENT, SERVER, first, a); // retransmission
        segment(CLIENT, SERVER, (first + 1000) & 0xFFFF_FFFFL, b);

        assertThat(lines).containsExactly(">> DATA conn=? off=0 len=3000", ">> DATA conn=? off=3000 len=10");
        assertThat(decoder.framesDecoded()).isEqualTo(2);
    }

    @Test
    void shouldSayOnceThatAFlowJoinedMidStreamIsNotDecoded() {
        segment(CLIENT, SERVER, 77, new byte[] {1, 2, 3});
        segment(CLIENT, SERVER, 80, new byte[] {4});
        assertThat(lines).singleElement().asString().contains("joined mid-stream");
    }

    @Test
    void shouldStopDecodingAFlowThatIsNotMtcp() {
        syn(CLIENT, SERVER, 1);
        segment(CLIENT, SERVER, 2, "GET / HTTP/1.1\r\n\r\n".getBytes());
        assertThat(lines).singleElement().asString().contains("stopped decoding: not mtcp frames");
    }

    private static Welcome welcome() {
        return new Welcome(ID, 1, "s1", new byte[0], new byte[16], 0, 0, List.of(), new byte[32]);
    }

    private void syn(InetSocketAddress from, InetSocketAddress to, long isn) {
        decoder.onSegment(new TcpSegment(from, to, isn, true, false, false, new byte[0]));
    }

    private void segment(InetSocketAddress from, InetSocketAddress to, long seq, byte[] payload) {
        decoder.onSegment(new TcpSegment(from, to, seq, false, false, false, payload));
    }

    private static byte[] encode(dev.mtcp.protocol.frame.Frame... frames) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        FrameWriter w = new FrameWriter(out);
        for (var f : frames) {
            w.write(f);
        }
        w.flush();
        return out.toByteArray();
    }
}
