package dev.mtcp.protocol.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mtcp.protocol.frame.Data;
import dev.mtcp.protocol.frame.Limits;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * MUST-13: whatever ranges of a stream arrive, in whatever overlap, the receiver delivers every byte
 * exactly once and in order. Each feed starts anywhere at or below what was received (no gaps) and has
 * any length.
 */
class OverlapPropertiesTest {

    @Property(tries = 300)
    @Label("MUST-13 the input log never loses, duplicates or reorders a byte under any overlap")
    void shouldDeliverEveryByteExactlyOnceWhenInputLogRangesOverlap(@ForAll @IntRange(min = 1, max = 200_000) int length,
                                              @ForAll("feeds") List<int[]> feeds, @ForAll long seed) throws Exception {
        byte[] stream = randomBytes(length, seed);
        InputLog log = new InputLog(Long.MAX_VALUE / 4);
        ByteArrayOutputStream delivered = new ByteArrayOutputStream();
        byte[] buf = new byte[7919];
        long accepted = 0;
        for (int[] f : feeds) {
            accepted += log.append(range(stream, log.receivedOffset(), f));
            drain(log, buf, delivered, f[2] % 3 == 0);
        }
        while (log.receivedOffset() < length) {
            accepted += log.append(range(stream, log.receivedOffset(), new int[] {1000, 1000, 0}));
        }
        drain(log, buf, delivered, false);
        assertThat(accepted).isEqualTo(length);
        assertThat(delivered.toByteArray()).isEqualTo(stream);
    }

    @Property(tries = 300)
    @Label("MUST-13 the receive cursor never loses, duplicates or reorders a byte under any overlap")
    void shouldDeliverEveryByteExactlyOnceWhenReceiveCursorRangesOverlap(@ForAll @IntRange(min = 1, max = 200_000) int length,
                                                   @ForAll("feeds") List<int[]> feeds, @ForAll long seed) throws Exception {
        byte[] stream = randomBytes(length, seed);
        ReceiveCursor rc = new ReceiveCursor();
        ByteArrayOutputStream delivered = new ByteArrayOutputStream();
        for (int[] f : feeds) {
            delivered.write(rc.accept(range(stream, rc.delivered(), f)));
        }
        while (rc.delivered() < length) {
            delivered.write(rc.accept(range(stream, rc.delivered(), new int[] {1000, 1000, 0})));
        }
        assertThat(delivered.toByteArray()).isEqualTo(stream);
    }

    @Property(tries = 300)
    @Label("the chunk ring returns exactly what a flat array would across appends, trims and reads")
    void shouldMatchAFlatArrayWhenTheChunkRingAppendsTrimsAndReads(@ForAll("feeds") List<int[]> ops, @ForAll long seed) {
        Random r = new Random(seed);
        ByteWindow w = new ByteWindow(5);
        ByteArrayOutputStream model = new ByteArrayOutputStream();
        long start = 5;
        for (int[] op : ops) {
            byte[] add = randomBytes(op[1] % 40_000, r.nextLong());
            w.append(add, 0, add.length);
            model.write(add, 0, add.length);
            long end = 5 + model.size();
            long trim = start + (long) ((end - start) * (op[0] / 1000.0));
            w.trimTo(trim);
            start = trim;
            long from = start + (long) ((end - start) * ((op[2] % 1000) / 1000.0));
            int n = (int) Math.min(end - from, op[1]);
            byte[] got = new byte[n];
            w.copy(from, got, 0, n);
            byte[] all = model.toByteArray();
            assertThat(got).isEqualTo(Arrays.copyOfRange(all, (int) (from - 5), (int) (from - 5) + n));
            assertThat(w.start()).isEqualTo(start);
            assertThat(w.end()).isEqualTo(end);
        }
    }

    /** Each feed: [start as per-mille of the received offset, length 0..MAX_DATA_BYTES, app step]. */
    @Provide
    Arbitrary<List<int[]>> feeds() {
        Arbitrary<int[]> feed = Arbitraries.integers().between(0, 1000).flatMap(startPm ->
                Arbitraries.integers().between(0, Limits.MAX_DATA_BYTES).flatMap(len ->
                        Arbitraries.integers().between(0, 1000).map(step -> new int[] {startPm, len, step})));
        return feed.list().ofMinSize(0).ofMaxSize(40);
    }

    /** A DATA frame starting at (per-mille of received) and running up to length bytes, clipped to the stream. */
    static Data range(byte[] stream, long received, int[] f) {
        int start = (int) (received * f[0] / 1000);
        int end = Math.min(stream.length, start + f[1]);
        return new Data(start, Arrays.copyOfRange(stream, start, end));
    }

    private static void drain(InputLog log, byte[] buf, ByteArrayOutputStream out, boolean partially) {
        int n = log.read(buf, 0, partially ? buf.length / 3 : buf.length);
        while (n > 0) {
            out.write(buf, 0, n);
            log.checkpoint(log.consumedOffset());
            if (partially) {
                return;
            }
            n = log.read(buf, 0, buf.length);
        }
    }

    static byte[] randomBytes(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }
}
