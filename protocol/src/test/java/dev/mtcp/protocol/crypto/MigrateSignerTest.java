package dev.mtcp.protocol.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import com.google.common.io.BaseEncoding;
import dev.mtcp.protocol.ConnectionId;
import dev.mtcp.protocol.ErrorCode;
import dev.mtcp.protocol.ProtocolException;
import dev.mtcp.protocol.frame.Frame;
import dev.mtcp.protocol.frame.FrameReader;
import dev.mtcp.protocol.frame.FrameWriter;
import dev.mtcp.protocol.frame.Hello;
import dev.mtcp.protocol.frame.HelloMigrate;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class MigrateSignerTest {
    private static final byte[] KC = filled(32, 7);

    private static byte[] filled(int n, int v) {
        byte[] b = new byte[n];
        java.util.Arrays.fill(b, (byte) v);
        return b;
    }

    private static MigrateRequest signed() {
        return MigrateSigner.sign(KC, ConnectionId.fromHex("00112233445566778899aabbccddeeff"), filled(40, 1),
                3, 1000, 1_700_000_000_000L, filled(16, 2), "qos");
    }

    @Test
    void shouldVerifyWhenSignedWithTheSameKey() throws Exception {
        MigrateSigner.verify(KC, signed());
    }

    @Test
    @DisplayName("MUST-22 a MIGRATE signed with another key is BAD_SIGNATURE")
    void shouldRejectWhenSignedWithAnotherKey() {
        MigrateRequest r = MigrateSigner.sign(filled(32, 8), ConnectionId.random(), filled(40, 1), 3, 0, 5, filled(16, 2), "");
        assertThatThrownBy(() -> MigrateSigner.verify(KC, r))
                .isInstanceOf(ProtocolException.class)
                .extracting(e -> ((ProtocolException) e).code()).isEqualTo(ErrorCode.BAD_SIGNATURE);
    }

    @Test
    @DisplayName("MUST-23 the canonical MIGRATE bytes are the documented fixed encoding")
    void shouldProduceTheDocumentedCanonicalBytesWhenEncoding() {
        MigrateRequest r = signed();
        String expectedHex = BaseEncoding.base16().lowerCase().encode("mtcp-migrate-v1".getBytes(StandardCharsets.US_ASCII))
                + "00112233445566778899aabbccddeeff"
                + "0028" + "01".repeat(40)
                + "0000000000000003"
                + "00000000000003e8"
                + "0000018bcfe56800"
                + "02".repeat(16)
                + "0003" + "716f73";
        assertThat(BaseEncoding.base16().lowerCase().encode(MigrateSigner.canonicalBytes(r))).isEqualTo(expectedHex);
    }

    @Test
    @DisplayName("MUST-24 flipping any single bit of a signed MIGRATE hello is rejected")
    void shouldRejectWhenAnySingleBitOfTheSignedHelloIsFlipped() throws Exception {
        byte[] wire = FrameWriter.encode(new HelloMigrate(1, signed()));
        for (int bit = 0; bit < wire.length * 8; bit++) {
            byte[] t = wire.clone();
            t[bit / 8] ^= (byte) (1 << (bit % 8));
            Optional<Frame> f;
            try {
                f = FrameReader.tryDecode(ByteBuffer.wrap(t));
            } catch (ProtocolException e) {
                continue; // rejected by the codec (e.g. a length or kind bit)
            }
            if (f.isEmpty()) {
                continue; // a length bit made the frame incomplete: nothing accepted
            }
            if (!(f.get() instanceof HelloMigrate h)) {
                continue; // a type bit turned it into another frame: it is no MIGRATE at all
            }
            try {
                Hello.requireSupportedVersion(h.version());
                MigrateSigner.verify(KC, h.request());
                fail("bit " + bit + " flipped and the MIGRATE still verified");
            } catch (ProtocolException e) {
                assertThat(e.code()).isIn(ErrorCode.BAD_SIGNATURE, ErrorCode.UNSUPPORTED_VERSION);
            }
        }
    }
}
