package dev.mtcp.protocol.frame;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.io.BaseEncoding;
import dev.mtcp.protocol.ProtocolException;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AfterContainer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * MUST-10: arbitrary input only ever yields a frame or a ProtocolException (plus "incomplete": empty from
 * tryDecode, EOFException from a stream that ends inside a declared frame), and never allocates more than
 * the declared limit. 3 x 40,000 = 120,000 generated inputs.
 */
class FrameFuzzPropertiesTest {
    /** Slack for the decoder's own small objects (records, strings, lists, the exception). */
    private static final long OVERHEAD_BYTES = 64 * 1024;
    /**
     * The declared limit for everything but STATE/REPLICATE (one DATA payload) plus the decoder's own
     * objects; input that declares a 64 MiB STATE must stay under it too.
     */
    private static final long BOUND_BYTES = Limits.MAX_DATA_PAYLOAD_BYTES + OVERHEAD_BYTES;
    private static final int TRIES = 40_000;

    /** Inputs checked by the three properties, verified after the container (>= 100,000 demanded). */
    private static final AtomicLong CHECKED = new AtomicLong();

    static {
        warmUp();
    }

    @AfterContainer
    static void shouldHaveCheckedAtLeastOneHundredThousandInputs() {
        assertThat(CHECKED.get()).as("inputs checked by the fuzz properties").isGreaterThanOrEqualTo(3L * TRIES);
    }

    @Property(tries = TRIES, edgeCases = EdgeCasesMode.MIXIN, shrinking = ShrinkingMode.BOUNDED)
    @Label("MUST-10 random bytes yield a frame or a ProtocolException, never anything else")
    void shouldYieldAFrameOrAProtocolExceptionWhenGivenRandomBytes(@ForAll("randomBytes") byte[] input) throws Exception {
        check(input);
    }

    @Property(tries = TRIES, edgeCases = EdgeCasesMode.MIXIN, shrinking = ShrinkingMode.BOUNDED)
    @Label("MUST-10 a valid header with a random payload yields a frame or a ProtocolException")
    void shouldYieldAFrameOrAProtocolExceptionWhenAValidHeaderHasARandomPayload(@ForAll("headerAndPayload") byte[] input) throws Exception {
        check(input);
    }

    @Property(tries = TRIES, edgeCases = EdgeCasesMode.MIXIN, shrinking = ShrinkingMode.BOUNDED)
    @Label("MUST-10 a mutated valid frame yields a frame or a ProtocolException")
    void shouldYieldAFrameOrAProtocolExceptionWhenAValidFrameIsMutated(@ForAll("mutatedFrames") byte[] input) throws Exception {
        check(input);
    }

    @Test
    @Timeout(30)
    void shouldNotAllocateTheDeclaredLengthWhenAHugeStateFrameHasFewBytesBehindIt() throws Exception {
        FrameReader r = new FrameReader(new ByteArrayInputStream(truncatedHugeState()));
        long before = AllocationMeter.allocatedBytes();
        try {
            r.read();
        } catch (EOFException expected) {
            long allocated = AllocationMeter.allocatedBytes() - before;
            assertThat(allocated).isLessThan(BOUND_BYTES);
            return;
        }
        throw new AssertionError("a truncated STATE frame was accepted");
    }

    private static void check(byte[] input) throws Exception {
        CHECKED.incrementAndGet();
        long buffer = Long.MAX_VALUE;
        long stream = Long.MAX_VALUE;
        // The minimum of three runs: a systematic over-allocation shows every time, one-off JVM-internal
        // allocations on this thread (linkage, deoptimization) do not.
        for (int run = 0; run < 3 && (buffer > BOUND_BYTES || stream > BOUND_BYTES); run++) {
            buffer = Math.min(buffer, decodeBuffer(input));
            stream = Math.min(stream, decodeStream(input));
        }
        assertThat(buffer).as("tryDecode allocation for input %s", describe(input))
                .isLessThanOrEqualTo(BOUND_BYTES + 4L * input.length);
        assertThat(stream).as("stream allocation for input %s", describe(input))
                .isLessThanOrEqualTo(BOUND_BYTES + 4L * input.length);
    }

    /** Decodes with tryDecode; returns bytes allocated. Any exception but ProtocolException fails the property. */
    private static long decodeBuffer(byte[] input) {
        long before = AllocationMeter.allocatedBytes();
        try {
            FrameReader.tryDecode(ByteBuffer.wrap(input));
        } catch (ProtocolException expected) {
            // the one permitted failure
        }
        return AllocationMeter.allocatedBytes() - before;
    }

    /** Reads frames until the input ends; returns bytes allocated. */
    private static long decodeStream(byte[] input) throws Exception {
        FrameReader r = new FrameReader(new ByteArrayInputStream(input));
        long before = AllocationMeter.allocatedBytes();
        try {
            while (r.read() != null) {
                // keep reading frames until the input ends
            }
        } catch (ProtocolException | EOFException expected) {
            // ProtocolException: rejected; EOFException: input ended inside a declared frame
        }
        return AllocationMeter.allocatedBytes() - before;
    }

    /** Loads and links every decoder path once, so class loading is not counted as allocation by a try. */
    private static void warmUp() {
        for (int i = 0; i < 3; i++) {
            decodeQuietly(truncatedHugeState());
        }
        for (Frame f : SampleFrames.all()) {
            byte[] w = FrameWriter.encode(f);
            if (w.length > 600) {
                continue;
            }
            for (int bit = 0; bit < Math.min(w.length, 16) * 8; bit++) {
                byte[] m = w.clone();
                m[bit / 8] ^= (byte) (1 << (bit % 8));
                decodeQuietly(m);
                decodeQuietly(Arrays.copyOf(w, bit / 8));
            }
        }
    }

    private static void decodeQuietly(byte[] input) {
        try {
            FrameReader.tryDecode(ByteBuffer.wrap(input));
        } catch (Exception ignored) {
            // warm-up only: the properties check outcomes
        }
        try {
            new FrameReader(new ByteArrayInputStream(input)).read();
        } catch (Exception ignored) {
            // warm-up only
        }
    }

    private static String describe(byte[] input) {
        String hex = BaseEncoding.base16().lowerCase().encode(input);
        return input.length + " bytes: " + (hex.length() > 64 ? hex.substring(0, 64) + "..." : hex);
    }

    private static byte[] truncatedHugeState() {
        return ByteBuffer.allocate(6 + 100).put((byte) FrameType.STATE.code()).put((byte) 0)
                .putInt(Limits.MAX_STATE_BYTES).array();
    }

    @Provide
    Arbitrary<byte[]> randomBytes() {
        return Arbitraries.bytes().array(byte[].class).ofMinSize(0).ofMaxSize(300);
    }

    @Provide
    Arbitrary<byte[]> headerAndPayload() {
        Arbitrary<FrameType> type = Arbitraries.of(FrameType.class);
        Arbitrary<byte[]> payload = Arbitraries.bytes().array(byte[].class).ofMaxSize(400);
        Arbitrary<Integer> lengthDelta = Arbitraries.integers().between(-3, 3);
        return Combinators.combine(type, payload, lengthDelta).as((t, p, d) -> {
            ByteBuffer b = ByteBuffer.allocate(6 + p.length);
            b.put((byte) t.code()).put((byte) 0).putInt(Math.max(0, p.length + d)).put(p);
            return b.array();
        });
    }

    @Provide
    Arbitrary<byte[]> mutatedFrames() {
        List<byte[]> valid = SampleFrames.all().stream()
                .filter(f -> !(f instanceof Data d && d.length() > 2000))
                .filter(f -> !(f instanceof Replicate))
                .map(FrameWriter::encode).toList();
        return Arbitraries.of(valid).flatMap(w -> Combinators.combine(
                Arbitraries.integers().between(0, w.length - 1),
                Arbitraries.bytes(),
                Arbitraries.integers().between(0, 2),
                Arbitraries.integers().between(1, w.length)).as((pos, val, mode, cut) -> mutate(w, pos, val, mode, cut)));
    }

    private static byte[] mutate(byte[] w, int pos, byte val, int mode, int cut) {
        byte[] m = w.clone();
        switch (mode) {
            case 0 -> m[pos] ^= (byte) (1 << (val & 7));
            case 1 -> m[pos] = val;
            default -> {
                m = Arrays.copyOf(m, cut);
                if (cut >= 6) {
                    ByteBuffer.wrap(m).putInt(2, cut - 6);
                }
            }
        }
        return m;
    }
}
