package dev.mtcp.protocol.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class GrowingBufferedStreamsTest {

    @Property(tries = 200)
    void shouldReadBackExactlyTheBytesWhateverTheChunkSizes(@ForAll @IntRange(min = 0, max = 300_000) int size,
                                                           @ForAll long seed) throws IOException {
        byte[] data = new byte[size];
        Random r = new Random(seed);
        r.nextBytes(data);
        GrowingBufferedInputStream in = new GrowingBufferedInputStream(new TricklingInputStream(data, r), 16, 4096);
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        while (true) {
            if (r.nextInt(8) == 0) {
                int b = in.read();
                if (b < 0) break;
                got.write(b);
            } else {
                byte[] chunk = new byte[1 + r.nextInt(10_000)];
                int n = in.read(chunk, 0, chunk.length);
                if (n < 0) break;
                got.write(chunk, 0, n);
            }
        }
        assertThat(got.toByteArray()).isEqualTo(data);
        assertThat(in.bufferBytes()).isLessThanOrEqualTo(4096);
    }

    @Property(tries = 200)
    void shouldWriteExactlyTheBytesInOrderWhateverTheChunkSizes(@ForAll @IntRange(min = 0, max = 300_000) int size,
                                                              @ForAll long seed) throws IOException {
        byte[] data = new byte[size];
        Random r = new Random(seed);
        r.nextBytes(data);
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        GrowingBufferedOutputStream out = new GrowingBufferedOutputStream(sink, 16, 4096);
        int at = 0;
        while (at < size) {
            int n = Math.min(size - at, r.nextInt(3) == 0 ? 1 : 1 + r.nextInt(10_000));
            if (n == 1) out.write(data[at]);
            else out.write(data, at, n);
            at += n;
            if (r.nextInt(5) == 0) out.flush();
        }
        out.flush();
        assertThat(sink.toByteArray()).isEqualTo(data);
        assertThat(out.bufferBytes()).isLessThanOrEqualTo(4096);
    }

    @Test
    void shouldStaySmallForSmallTrafficAndGrowToTheMaximumUnderBulk() throws IOException {
        GrowingBufferedInputStream idle = new GrowingBufferedInputStream(new ByteArrayInputStream(new byte[100]), 1024, 65536);
        idle.readAllBytes();
        assertThat(idle.bufferBytes()).isEqualTo(1024);
        GrowingBufferedInputStream bulk = new GrowingBufferedInputStream(new ByteArrayInputStream(new byte[1 << 20]), 1024, 65536);
        byte[] small = new byte[100];
        while (bulk.read(small, 0, small.length) > 0) {
            // many small reads: each fill finds the socket full, so the buffer doubles
        }
        assertThat(bulk.bufferBytes()).isEqualTo(65536);

        GrowingBufferedOutputStream chatty = new GrowingBufferedOutputStream(new ByteArrayOutputStream(), 1024, 65536);
        for (int i = 0; i < 100; i++) {
            chatty.write(new byte[20], 0, 20);
            chatty.flush();
        }
        assertThat(chatty.bufferBytes()).isEqualTo(1024);
        GrowingBufferedOutputStream batching = new GrowingBufferedOutputStream(new ByteArrayOutputStream(), 1024, 65536);
        for (int i = 0; i < 100; i++) {
            batching.write(new byte[1000], 0, 1000);
        }
        assertThat(batching.bufferBytes()).isEqualTo(65536);
    }

    @Test
    void shouldBatchSmallWritesIntoOneUnderlyingWriteAndPassLargeOnesStraightThrough() throws IOException {
        RecordingOutputStream sink = new RecordingOutputStream();
        GrowingBufferedOutputStream out = new GrowingBufferedOutputStream(sink, 64, 256);
        for (int i = 0; i < 10; i++) out.write(new byte[20], 0, 20);
        assertThat(sink.writes).isEmpty();
        out.flush();
        assertThat(sink.writes).containsExactly(200);
        out.write(new byte[10], 0, 10);
        out.write(new byte[1000], 0, 1000);
        assertThat(sink.writes).containsExactly(200, 10, 1000);
    }

    @Test
    void shouldRefuseSizesThatMakeNoSense() {
        assertThatThrownBy(() -> new GrowingBufferedInputStream(new ByteArrayInputStream(new byte[0]), 0, 10))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("initialBytes");
        assertThatThrownBy(() -> new GrowingBufferedOutputStream(new ByteArrayOutputStream(), 100, 10))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxBytes");
    }

    /** Hands out at most a random few bytes per read, as a socket does. */
    private static final class TricklingInputStream extends ByteArrayInputStream {
        private final Random random;

        TricklingInputStream(byte[] data, Random random) {
            super(data);
            this.random = random;
        }

        @Override
        public synchronized int read(byte[] b, int off, int len) {
            return super.read(b, off, Math.min(len, 1 + random.nextInt(6000)));
        }
    }

    private static final class RecordingOutputStream extends OutputStream {
        final List<Integer> writes = new ArrayList<>();

        @Override
        public void write(int b) {
            writes.add(1);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            writes.add(len);
        }
    }
}
