package dev.mtcp.protocol.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class AdaptiveBufferedInputStreamTest {
    /** Hands out the given chunks one per read call, as a socket delivers segments. */
    private static final class ChunkedInput extends InputStream {
        private final Deque<byte[]> chunks = new ArrayDeque<>();
        private int largestRequest;

        ChunkedInput add(byte[] chunk) {
            chunks.add(chunk);
            return this;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            largestRequest = Math.max(largestRequest, len);
            byte[] chunk = chunks.poll();
            if (chunk == null) {
                return -1;
            }
            int n = Math.min(len, chunk.length);
            System.arraycopy(chunk, 0, b, off, n);
            if (n < chunk.length) {
                chunks.addFirst(java.util.Arrays.copyOfRange(chunk, n, chunk.length));
            }
            return n;
        }
    }

    @Property(tries = 200)
    void shouldDeliverEveryByteInOrderWhateverTheChunkAndReadSizes(@ForAll @IntRange(min = 1, max = 300_000) int length,
                                                                  @ForAll long seed) throws IOException {
        Random random = new Random(seed);
        byte[] data = new byte[length];
        random.nextBytes(data);
        ChunkedInput source = new ChunkedInput();
        for (int at = 0; at < length; ) {
            int n = Math.min(length - at, 1 + random.nextInt(random.nextBoolean() ? 100 : 70_000));
            source.add(java.util.Arrays.copyOfRange(data, at, at + n));
            at += n;
        }
        AdaptiveBufferedInputStream in = new AdaptiveBufferedInputStream(source, 64, 4096);
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        while (true) {
            if (random.nextInt(4) == 0) {
                int b = in.read();
                if (b < 0) break;
                got.write(b);
            } else {
                byte[] chunk = new byte[1 + random.nextInt(random.nextBoolean() ? 50 : 10_000)];
                int n = in.read(chunk, 0, chunk.length);
                if (n < 0) break;
                got.write(chunk, 0, n);
            }
            assertThat(in.bufferBytes()).isBetween(64, 4096);
        }
        assertThat(got.toByteArray()).isEqualTo(data);
    }

    @Test
    void shouldGrowWhileRefillsFillItAndShrinkBackWhenOnlySmallFramesArrive() throws IOException {
        ChunkedInput source = new ChunkedInput();
        for (int i = 0; i < 6; i++) {
            source.add(new byte[8192]);
        }
        for (int i = 0; i < 10; i++) {
            source.add(new byte[20]);
        }
        AdaptiveBufferedInputStream in = new AdaptiveBufferedInputStream(source, 512, 4096);
        for (int i = 0; i < 6 * 8192 / 128; i++) {
            assertThat(in.readNBytes(128).length).isEqualTo(128);
        }
        assertThat(in.bufferBytes()).isEqualTo(4096);
        for (int i = 0; i < 200; i++) {
            assertThat(in.read()).isZero();
        }
        assertThat(in.read()).isEqualTo(-1);
        assertThat(in.bufferBytes()).isEqualTo(512);
    }

    @Test
    void shouldReadALargeRequestStraightFromTheStreamWhenTheBufferIsEmpty() throws IOException {
        ChunkedInput source = new ChunkedInput().add(new byte[10]).add(new byte[100_000]);
        AdaptiveBufferedInputStream in = new AdaptiveBufferedInputStream(source, 512, 4096);
        assertThat(in.read(new byte[10], 0, 10)).isEqualTo(10);
        assertThat(in.read(new byte[100_000], 0, 100_000)).isEqualTo(100_000);
        assertThat(source.largestRequest).isEqualTo(100_000);
    }

    @Test
    void shouldReportEndOfStreamAndSkipAndRefuseBadSizes() throws IOException {
        AdaptiveBufferedInputStream in = new AdaptiveBufferedInputStream(new ByteArrayInputStream(new byte[30]), 16, 16);
        assertThat(in.read()).isZero();
        assertThat(in.skip(5)).isEqualTo(5);
        assertThat(in.available()).isEqualTo(24);
        assertThat(in.readAllBytes()).hasSize(24);
        assertThat(in.read()).isEqualTo(-1);
        assertThat(in.read(new byte[4], 0, 4)).isEqualTo(-1);
        assertThat(in.markSupported()).isFalse();
        assertThatThrownBy(() -> new AdaptiveBufferedInputStream(InputStream.nullInputStream(), 8, 16))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("minBytes");
    }
}
