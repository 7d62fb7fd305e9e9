package dev.mtcp.protocol.frame;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mtcp.protocol.ErrorCode;
import dev.mtcp.protocol.ProtocolException;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@Timeout(30)
class FrameReaderTest {

    static byte[] header(int type, int flags, long length) {
        return ByteBuffer.allocate(6).put((byte) type).put((byte) flags).putInt((int) length).array();
    }

    static byte[] concat(byte[]... parts) {
        int n = Arrays.stream(parts).mapToInt(p -> p.length).sum();
        ByteBuffer b = ByteBuffer.allocate(n);
        for (byte[] p : parts) {
            b.put(p);
        }
        return b.array();
    }

    static ErrorCode codeOfStream(byte[] wire) throws IOException {
        try {
            new FrameReader(new ByteArrayInputStream(wire)).read();
            return null;
        } catch (ProtocolException e) {
            return e.code();
        }
    }

    static ErrorCode codeOfBuffer(byte[] wire) {
        try {
            FrameReader.tryDecode(ByteBuffer.wrap(wire));
            return null;
        } catch (ProtocolException e) {
            return e.code();
        }
    }

    static void assertRejected(byte[] wire, ErrorCode code) throws IOException {
        assertThat(codeOfStream(wire)).isEqualTo(code);
        assertThat(codeOfBuffer(wire)).isEqualTo(code);
    }

    /** Serves the header, then fails the test if anything reads further. */
    static InputStream headerThenTrap(byte[] header) {
        InputStream trap = new InputStream() {
            @Override
            public int read() {
                throw new AssertionError("the reader read past the header of an oversize frame");
            }
        };
        return new SequenceInputStream(new ByteArrayInputStream(header), trap);
    }

    @ParameterizedTest
    @EnumSource(FrameType.class)
    @DisplayName("MUST-3 a length over the type's maximum is FRAME_TOO_LARGE before any payload byte is read")
    void shouldRejectOversizeFrameBeforeReadingThePayloadWhenLengthExceedsTheTypeMaximum(FrameType type) {
        byte[] h = header(type.code(), 0, type.maxPayloadBytes() + 1L);
        assertThatThrownBy(() -> new FrameReader(headerThenTrap(h)).read())
                .isInstanceOf(ProtocolException.class)
                .extracting(e -> ((ProtocolException) e).code()).isEqualTo(ErrorCode.FRAME_TOO_LARGE);
        ByteBuffer partial = ByteBuffer.wrap(h);
        assertThatThrownBy(() -> FrameReader.tryDecode(partial))
                .isInstanceOf(ProtocolException.class)
                .extracting(e -> ((ProtocolException) e).code()).isEqualTo(ErrorCode.FRAME_TOO_LARGE);
    }

    @Test
    @DisplayName("MUST-3 MUST-12 a reader cap smaller than the type maximum (client channel) is enforced the same way")
    void shouldRejectStateFrameWhenTheReaderCapIsTheClientCap() {
        byte[] h = header(FrameType.STATE.code(), 0, Limits.MAX_DATA_PAYLOAD_BYTES + 1L);
        assertThatThrownBy(() -> new FrameReader(headerThenTrap(h), Limits.MAX_DATA_PAYLOAD_BYTES).read())
                .isInstanceOf(ProtocolException.class)
                .extracting(e -> ((ProtocolException) e).code()).isEqualTo(ErrorCode.FRAME_TOO_LARGE);
        assertThatThrownBy(() -> new FrameReader(headerThenTrap(header(0x23, 0, 0xFFFF_FFFFL))).read())
                .isInstanceOf(ProtocolException.class);
    }

    @Test
    @DisplayName("MUST-4 an unknown type byte is UNKNOWN_FRAME_TYPE")
    void shouldRejectWhenTheTypeIsUnknown() throws Exception {
        for (int t : new int[] {0x00, 0x04, 0x17, 0x27, 0x7F, 0xFF}) {
            assertRejected(concat(header(t, 0, 0)), ErrorCode.UNKNOWN_FRAME_TYPE);
        }
    }

    @Test
    @DisplayName("MUST-5 reserved flags must be zero")
    void shouldRejectWhenFlagsAreSet() throws Exception {
        assertRejected(concat(header(FrameType.ACK.code(), 0x80, 8), new byte[8]), ErrorCode.BAD_FIELD);
    }

    @Test
    @DisplayName("MUST-6 trailing bytes after the last field are BAD_FIELD")
    void shouldRejectWhenThePayloadHasTrailingBytes() throws Exception {
        assertRejected(concat(header(FrameType.ACK.code(), 0, 9), new byte[9]), ErrorCode.BAD_FIELD);
        assertRejected(concat(header(FrameType.ACK.code(), 0, 7), new byte[7]), ErrorCode.BAD_FIELD);
    }

    @Test
    @DisplayName("MUST-7 negative offsets, epochs and sequences are BAD_FIELD")
    void shouldRejectWhenAnOffsetIsNegative() throws Exception {
        byte[] neg = ByteBuffer.allocate(8).putLong(-1).array();
        assertRejected(concat(header(FrameType.ACK.code(), 0, 8), neg), ErrorCode.BAD_FIELD);
        assertRejected(concat(header(FrameType.FIN.code(), 0, 8), neg), ErrorCode.BAD_FIELD);
        assertRejected(concat(header(FrameType.PONG.code(), 0, 26), new byte[18], neg), ErrorCode.BAD_FIELD);
        assertRejected(concat(header(FrameType.DATA.code(), 0, 10), neg, new byte[2]), ErrorCode.BAD_FIELD);
        assertRejected(concat(header(FrameType.COMMIT.code(), 0, 24), new byte[16], neg), ErrorCode.BAD_FIELD);
        byte[] nearMax = ByteBuffer.allocate(8).putLong(Long.MAX_VALUE - 1).array();
        assertRejected(concat(header(FrameType.DATA.code(), 0, 12), nearMax, new byte[4]), ErrorCode.BAD_FIELD);
    }

    @Test
    @DisplayName("MUST-7 unknown enum values (error code, hint reason, HELLO kind) are BAD_FIELD")
    void shouldRejectWhenAnEnumValueIsUnknown() throws Exception {
        assertRejected(concat(header(FrameType.CLOSE.code(), 0, 4), new byte[] {0x7F, 0x7F, 0, 0}), ErrorCode.BAD_FIELD);
        assertRejected(concat(header(FrameType.MIGRATE_HINT.code(), 0, 3), new byte[] {9, 0, 0}), ErrorCode.BAD_FIELD);
        assertRejected(concat(header(FrameType.HELLO.code(), 0, 3), new byte[] {0, 1, 9}), ErrorCode.BAD_FIELD);
        assertRejected(concat(header(FrameType.PONG.code(), 0, 26), new byte[16], new byte[] {0x03, (byte) 0xE9}, new byte[8]),
                ErrorCode.BAD_FIELD);
    }

    @Test
    @DisplayName("MUST-7 wrong key, nonce or mac sizes are BAD_FIELD")
    void shouldRejectWhenAFixedSizeFieldHasTheWrongSize() throws Exception {
        byte[] hello = FrameWriter.encode(new HelloNew(1, "svc", new byte[32]));
        byte[] shortKey = Arrays.copyOf(hello, hello.length - 1);
        ByteBuffer.wrap(shortKey).putInt(2, shortKey.length - 6);
        assertRejected(shortKey, ErrorCode.BAD_FIELD);

        byte[] proof = FrameWriter.encode(new PeerProof("s1", new byte[32], new byte[32]));
        byte[] badCounter = proof.clone();
        badCounter[badCounter.length - 33] = 31; // counterChallenge length 32 -> 31
        assertRejected(badCounter, ErrorCode.BAD_FIELD);
    }

    @Test
    @DisplayName("MUST-7 strings: empty ids, over-long strings and malformed UTF-8 are BAD_FIELD")
    void shouldRejectWhenAStringIsOutOfRangeOrNotUtf8() throws Exception {
        byte[] hint = FrameWriter.encode(new MigrateHint(HintReason.DRAIN, java.util.List.of("ab")));
        byte[] badUtf8 = hint.clone();
        badUtf8[badUtf8.length - 1] = (byte) 0xC3;
        assertRejected(badUtf8, ErrorCode.BAD_FIELD);
        assertRejected(concat(header(FrameType.MIGRATE_HINT.code(), 0, 5), new byte[] {1, 0, 1, 0, 0}), ErrorCode.BAD_FIELD);
        byte[] tooMany = concat(header(FrameType.MIGRATE_HINT.code(), 0, 3), new byte[] {1, 0, (byte) (Limits.MAX_SERVERS + 1)});
        assertRejected(tooMany, ErrorCode.BAD_FIELD);
        byte[] longReason = ByteBuffer.allocate(4 + Limits.MAX_REASON_BYTES + 1).putShort((short) 1)
                .putShort((short) (Limits.MAX_REASON_BYTES + 1)).array();
        assertRejected(concat(header(FrameType.CLOSE.code(), 0, longReason.length), longReason), ErrorCode.BAD_FIELD);
    }

    @Test
    @DisplayName("MUST-8 a payload shorter than its fields is BAD_FIELD")
    void shouldRejectWhenThePayloadEndsInsideAField() throws Exception {
        for (Frame f : SampleFrames.all()) {
            if (f instanceof Data || f instanceof State || f instanceof Replicate) {
                continue; // their last field is "the rest of the payload": any shorter payload is still a valid frame
            }
            byte[] wire = FrameWriter.encode(f);
            byte[] cut = Arrays.copyOf(wire, wire.length - 1);
            ByteBuffer.wrap(cut).putInt(2, cut.length - 6);
            assertThat(codeOfBuffer(cut)).as("%s", f.type()).isEqualTo(ErrorCode.BAD_FIELD);
        }
    }

    @Test
    @DisplayName("MUST-1 end of stream at a frame boundary is null, inside a frame is EOFException")
    void shouldDistinguishCleanEndFromTruncationWhenTheStreamEnds() throws Exception {
        byte[] wire = FrameWriter.encode(new Ack(5));
        FrameReader r = new FrameReader(new ByteArrayInputStream(wire));
        assertThat(r.read()).isEqualTo(new Ack(5));
        assertThat(r.read()).isNull();
        for (int len = 1; len < wire.length; len++) {
            FrameReader cut = new FrameReader(new ByteArrayInputStream(Arrays.copyOf(wire, len)));
            assertThatThrownBy(cut::read).isInstanceOf(EOFException.class);
        }
    }

    @Test
    void shouldThrowWithoutWritingWhenTheTargetBufferIsTooSmall() {
        ByteBuffer small = ByteBuffer.allocate(10);
        ThrowingCallable c = () -> FrameWriter.encode(new Data(0, new byte[20]), small);
        assertThatThrownBy(c).isInstanceOf(java.nio.BufferOverflowException.class);
        assertThat(small.position()).isZero();
    }

    @Test
    void shouldDecodeConsecutiveFramesWhenSeveralAreBuffered() throws Exception {
        ByteBuffer b = ByteBuffer.wrap(concat(FrameWriter.encode(new Ack(1)), FrameWriter.encode(new Fin(2)),
                Arrays.copyOf(FrameWriter.encode(new Ack(3)), 4)));
        assertThat(FrameReader.tryDecode(b)).contains(new Ack(1));
        assertThat(FrameReader.tryDecode(b)).contains(new Fin(2));
        int pos = b.position();
        assertThat(FrameReader.tryDecode(b)).isEmpty();
        assertThat(b.position()).isEqualTo(pos);
    }

    @Test
    @DisplayName("MUST-9 a version other than 1 is UNSUPPORTED_VERSION")
    void shouldRejectUnsupportedVersionWhenCheckingHello() throws Exception {
        Hello.requireSupportedVersion(Limits.VERSION);
        assertThatThrownBy(() -> Hello.requireSupportedVersion(2)).isInstanceOf(ProtocolException.class)
                .extracting(e -> ((ProtocolException) e).code()).isEqualTo(ErrorCode.UNSUPPORTED_VERSION);
    }
}
