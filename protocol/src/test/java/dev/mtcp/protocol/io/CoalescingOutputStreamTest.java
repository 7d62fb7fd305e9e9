package dev.mtcp.protocol.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class CoalescingOutputStreamTest {
    /** Records the size of every write that reaches the "socket". */
    private static final class RecordingOutput extends OutputStream {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final List<Integer> writes = new ArrayList<>();

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            writes.add(len);
            bytes.write(b, off, len);
        }
    }

    @Property(tries = 200)
    void shouldPassEveryByteInOrderWhateverTheWriteSizesFlushesAndReleases(@ForAll long seed) throws IOException {
        Random random = new Random(seed);
        RecordingOutput sink = new RecordingOutput();
        CoalescingOutputStream out = new CoalescingOutputStream(sink, 4096);
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        for (int i = 0; i < 60; i++) {
            byte[] chunk = new byte[random.nextInt(random.nextBoolean() ? 40 : 9000)];
            random.nextBytes(chunk);
            out.write(chunk, 0, chunk.length);
            expected.write(chunk);
            switch (random.nextInt(6)) {
                case 0 -> out.flush();
                case 1 -> out.release();
                default -> { }
            }
            assertThat(out.bufferBytes()).isLessThanOrEqualTo(4096);
        }
        out.flush();
        assertThat(sink.bytes.toByteArray()).isEqualTo(expected.toByteArray());
        assertThat(sink.writes).allSatisfy(n -> assertThat(n).isPositive());
    }

    @Test
    void shouldSendABurstOfSmallFramesInOneWriteAndHoldNothingAfterRelease() throws IOException {
        RecordingOutput sink = new RecordingOutput();
        CoalescingOutputStream out = new CoalescingOutputStream(sink, 256 * 1024);
        for (int i = 0; i < 100; i++) {
            out.write(new byte[30], 0, 30);
        }
        assertThat(sink.writes).isEmpty();
        assertThat(out.bufferBytes()).isLessThan(8192);
        out.flush();
        assertThat(sink.writes).containsExactly(3000);
        out.release();
        assertThat(out.bufferBytes()).isZero();
    }

    @Test
    void shouldWriteALargeBlockStraightThroughAfterWhatIsBuffered() throws IOException {
        RecordingOutput sink = new RecordingOutput();
        CoalescingOutputStream out = new CoalescingOutputStream(sink, 4096);
        out.write(new byte[10], 0, 10);
        out.write(new byte[5000], 0, 5000);
        assertThat(sink.writes).containsExactly(10, 5000);
        assertThat(out.bufferBytes()).isLessThan(4096);
    }
}
