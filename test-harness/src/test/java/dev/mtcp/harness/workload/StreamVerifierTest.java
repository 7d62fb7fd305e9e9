package dev.mtcp.harness.workload;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mtcp.server.apps.StreamSequence;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class StreamVerifierTest {
    private static byte[] sequence(long seed, int length) {
        byte[] bytes = new byte[length];
        StreamSequence.fill(seed, 0, bytes, 0, length);
        return bytes;
    }

    @Test
    void shouldAcceptTheExactSequenceInAnyChunkingAndHashIt() throws Exception {
        byte[] expected = sequence(7, 200_000);
        StreamVerifier v = new StreamVerifier(7, expected.length);
        for (int off = 0; off < expected.length; off += 777) {
            v.accept(expected, off, Math.min(777, expected.length - off));
        }

        assertThat(v.complete()).isTrue();
        assertThat(v.problem()).isEmpty();
        assertThat(v.sha256Hex()).isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(expected)));
    }

    @Test
    void shouldReportTheOffsetWhenAByteIsRepeated() {
        byte[] expected = sequence(1, 1000);
        StreamVerifier v = new StreamVerifier(1, 1000);
        v.accept(expected, 0, 500);
        v.accept(expected, 499, 501); // byte 499 again: everything after it shifts by one

        assertThat(v.problem()).hasValueSatisfying(p -> assertThat(p).contains("offset 500", "seed 1"));
    }

    @Test
    void shouldReportMissingBytesWhenTheStreamEndsEarly() {
        StreamVerifier v = new StreamVerifier(1, 1000);
        v.accept(sequence(1, 400), 0, 400);

        assertThat(v.complete()).isFalse();
        assertThat(v.problem()).contains("only 400 of 1000 bytes arrived");
    }

    @Test
    void shouldReportExtraBytesWhenMoreArriveThanExpected() {
        byte[] bytes = sequence(1, 1010);
        StreamVerifier v = new StreamVerifier(1, 1000);
        v.accept(bytes, 0, 1010);

        assertThat(v.problem()).contains("10 bytes beyond the expected end at offset 1000");
    }
}
