package dev.mtcp.protocol.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import org.junit.jupiter.api.Test;

class ProgressInputStreamTest {
    @Test
    void shouldCountEveryByteReadSkippedOrNotAtEndOfStream() throws Exception {
        ProgressInputStream in = new ProgressInputStream(new ByteArrayInputStream(new byte[100]));
        assertThat(in.read()).isZero();
        assertThat(in.read(new byte[40], 0, 40)).isEqualTo(40);
        assertThat(in.skip(9)).isEqualTo(9);
        assertThat(in.readAllBytes()).hasSize(50);
        assertThat(in.read()).isEqualTo(-1);
        assertThat(in.read(new byte[8], 0, 8)).isEqualTo(-1);
        assertThat(in.bytesRead()).isEqualTo(100);
        assertThat(in.markSupported()).isFalse();
    }
}
