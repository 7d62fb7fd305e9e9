package dev.mtcp.protocol.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class ByteLogTest {

    private static byte[] seq(int from, int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (from + i);
        }
        return b;
    }

    @Test
    void shouldAddressBytesByStreamOffsetWhenAppendedInChunks() {
        ByteLog log = new ByteLog(100);
        log.append(seq(0, 3));
        log.append(new byte[0]);
        log.append(seq(3, 5));

        assertThat(log.start()).isEqualTo(100);
        assertThat(log.end()).isEqualTo(108);
        assertThat(log.sizeBytes()).isEqualTo(8);
        byte[] dst = new byte[4];
        assertThat(log.copy(102, dst, 0, 4)).isEqualTo(4);
        assertThat(dst).containsExactly(seq(2, 4));
        assertThat(log.toArray(0)).containsExactly(seq(0, 8));
    }

    @Test
    void shouldDropBytesBelowOffsetWhenTrimmedAndClampToEnd() {
        ByteLog log = new ByteLog(0);
        log.append(seq(0, 4));
        log.append(seq(4, 4));

        log.trimTo(5);
        assertThat(log.start()).isEqualTo(5);
        assertThat(log.toArray(0)).containsExactly(seq(5, 3));
        log.trimTo(3);
        assertThat(log.start()).isEqualTo(5);
        log.trimTo(1_000);
        assertThat(log.start()).isEqualTo(8);
        assertThat(log.sizeBytes()).isZero();
        assertThatThrownBy(() -> log.copy(4, new byte[1], 0, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("outside log");
    }

    @Test
    void shouldSplitTheTailIntoBoundedSlicesWhenAsked() {
        ByteLog log = new ByteLog(0);
        log.append(seq(0, 7));
        log.append(seq(7, 3));

        List<byte[]> slices = log.slices(2, 3);
        assertThat(slices).hasSize(3);
        assertThat(slices.get(0)).containsExactly(seq(2, 3));
        assertThat(slices.get(1)).containsExactly(seq(5, 3));
        assertThat(slices.get(2)).containsExactly(seq(8, 2));
    }

    @Test
    void shouldKeepOffsetsRightWhenManyChunksAreTrimmedAway() {
        ByteLog log = new ByteLog(0);
        for (int i = 0; i < 1_000; i++) {
            log.append(seq(i, 1));
        }
        log.trimTo(900);
        assertThat(log.toArray(900)).containsExactly(seq(900, 100));
        byte[] one = new byte[1];
        log.copy(950, one, 0, 1);
        assertThat(one[0]).isEqualTo((byte) 950);
    }
}
