package dev.mtcp.protocol.frame;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Round trip and byte-at-a-time fragmentation for every frame type (issue 2 item 6). */
@Timeout(30)
class FrameRoundTripTest {

    static Stream<Frame> frames() {
        return SampleFrames.all().stream();
    }

    @Test
    void shouldCoverEveryFrameRecordWhenSamplesAreBuilt() {
        Set<Class<?>> leaves = new HashSet<>();
        Deque<Class<?>> todo = new ArrayDeque<>(List.of(Frame.class));
        while (!todo.isEmpty()) {
            Class<?> c = todo.pop();
            if (c.isSealed()) {
                todo.addAll(Arrays.asList(c.getPermittedSubclasses()));
            } else {
                leaves.add(c);
            }
        }
        Set<Class<?>> sampled = new HashSet<>();
        Set<FrameType> types = new HashSet<>();
        SampleFrames.all().forEach(f -> {
            sampled.add(f.getClass());
            types.add(f.type());
        });
        assertThat(sampled).containsExactlyInAnyOrderElementsOf(leaves);
        assertThat(types).containsExactlyInAnyOrder(FrameType.values());
    }

    @ParameterizedTest
    @MethodSource("frames")
    @DisplayName("MUST-1 every frame survives FrameWriter -> FrameReader unchanged")
    void shouldReadBackTheSameFrameWhenWrittenToAStream(Frame frame) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        FrameWriter w = new FrameWriter(out);
        w.write(frame);
        w.write(frame);
        w.flush();
        FrameReader r = new FrameReader(new ByteArrayInputStream(out.toByteArray()));
        assertThat(r.read()).isEqualTo(frame);
        assertThat(r.read()).isEqualTo(frame);
        assertThat(r.read()).isNull();
    }

    @ParameterizedTest
    @MethodSource("frames")
    void shouldDecodeTheSameFrameWhenEncodedIntoAByteBuffer(Frame frame) throws Exception {
        byte[] encoded = FrameWriter.encode(frame);
        ByteBuffer heap = ByteBuffer.allocate(encoded.length + 3);
        FrameWriter.encode(frame, heap);
        heap.put(new byte[] {1, 2, 3}).flip();
        assertThat(FrameReader.tryDecode(heap)).contains(frame);
        assertThat(heap.remaining()).isEqualTo(3);

        ByteBuffer direct = ByteBuffer.allocateDirect(encoded.length).put(encoded).flip();
        assertThat(FrameReader.tryDecode(direct)).contains(frame);
        assertThat(direct.hasRemaining()).isFalse();
    }

    @ParameterizedTest
    @MethodSource("frames")
    @DisplayName("MUST-2 the stream reader assembles a frame delivered one byte per read")
    void shouldAssembleTheFrameWhenTheStreamDeliversOneByteAtATime(Frame frame) throws Exception {
        byte[] encoded = FrameWriter.encode(frame);
        FrameReader r = new FrameReader(new OneByteAtATimeStream(encoded));
        assertThat(r.read()).isEqualTo(frame);
        assertThat(r.read()).isNull();
    }

    @ParameterizedTest
    @MethodSource("frames")
    @DisplayName("MUST-2 tryDecode consumes nothing until the whole frame is present")
    void shouldConsumeNothingWhenTryDecodeSeesAPartialFrame(Frame frame) throws Exception {
        byte[] encoded = FrameWriter.encode(frame);
        ByteBuffer buf = ByteBuffer.allocate(encoded.length);
        for (int i = 0; i < encoded.length; i++) {
            buf.put(encoded[i]);
            buf.flip();
            Optional<Frame> got = FrameReader.tryDecode(buf);
            if (i < encoded.length - 1) {
                assertThat(got).isEmpty();
                assertThat(buf.position()).isZero();
                buf.position(buf.limit()).limit(buf.capacity());
            } else {
                assertThat(got).contains(frame);
                assertThat(buf.hasRemaining()).isFalse();
            }
        }
    }

    @ParameterizedTest
    @MethodSource("frames")
    @DisplayName("MUST-38 a frame's toString never prints byte arrays (payload, keys, macs, tickets)")
    void shouldNotPrintByteArraysWhenAFrameIsLogged(Frame frame) {
        String text = frame.toString();
        assertThat(text).doesNotContain("[B@").startsWith(frame.getClass().getSimpleName());
        assertThat(text.length()).isLessThan(2 * Limits.MAX_REASON_BYTES + 200);
    }

    @ParameterizedTest
    @MethodSource("frames")
    void shouldStartWithTypeZeroFlagsAndPayloadLengthWhenEncoded(Frame frame) {
        byte[] encoded = FrameWriter.encode(frame);
        ByteBuffer b = ByteBuffer.wrap(encoded);
        assertThat(b.get() & 0xFF).isEqualTo(frame.type().code());
        assertThat(b.get()).isZero();
        assertThat(b.getInt()).isEqualTo(encoded.length - Limits.HEADER_BYTES);
    }

    /** Returns at most one byte per read call. */
    static final class OneByteAtATimeStream extends InputStream {
        private final byte[] data;
        private int pos;

        OneByteAtATimeStream(byte[] data) {
            this.data = data;
        }

        @Override
        public int read() {
            return pos < data.length ? data[pos++] & 0xFF : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            int c = read();
            if (c < 0) {
                return -1;
            }
            b[off] = (byte) c;
            return 1;
        }
    }
}
