package dev.mtcp.protocol.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mtcp.protocol.ErrorCode;
import dev.mtcp.protocol.ProtocolException;
import dev.mtcp.protocol.frame.Data;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class OutputLogTest {

    private static byte[] seq(int from, int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (from + i);
        }
        return b;
    }

    @Test
    @DisplayName("MUST-18 regenerated output below the produced offset is dropped, only new bytes are logged")
    void shouldDropRegeneratedOutputWhenTheAppRestartsFromOutSnap() throws Exception {
        OutputLog origin = new OutputLog(1 << 20);
        origin.append(seq(0, 3000));
        origin.ack(1000);
        OutputLog dest = OutputLog.restore(500, origin.ackedOffset(), origin.bytesFrom(1000, Integer.MAX_VALUE), 1 << 20);
        assertThat(dest.appOffset()).isEqualTo(500);
        assertThat(dest.producedOffset()).isEqualTo(3000);
        // the app replays from its snapshot and regenerates [500, 3000) before producing new bytes
        assertThat(dest.offer(seq(500, 2600), 0, 2600)).isEqualTo(2600);
        assertThat(dest.appOffset()).isEqualTo(3100);
        assertThat(dest.producedOffset()).isEqualTo(3100);
        dest.restartFrom(1800);
        Data d = dest.nextData(10_000).orElseThrow();
        assertThat(d.offset()).isEqualTo(1800);
        assertThat(d.bytes()).isEqualTo(seq(1800, 1300));
    }

    @Test
    void shouldCountMismatchesButKeepTheLoggedBytesWhenTheAppRegeneratesDifferentOutput() throws Exception {
        OutputLog dest = OutputLog.restore(0, 0, seq(0, 100), 1000);
        byte[] different = seq(0, 120);
        different[10] ^= 1;
        different[20] ^= 1;
        assertThat(dest.offer(different, 0, 120)).isEqualTo(120);
        assertThat(dest.regenerationMismatchBytes()).isEqualTo(2);
        assertThat(dest.bytesFrom(0, 100)).isEqualTo(seq(0, 100));
    }

    @Test
    @DisplayName("MUST-16 the output log blocks the app (partial offer) instead of dropping bytes")
    void shouldAcceptOnlyWhatFitsWhenFull() throws Exception {
        OutputLog log = new OutputLog(100);
        assertThat(log.offer(seq(0, 150), 0, 150)).isEqualTo(100);
        assertThat(log.isFull()).isTrue();
        assertThatThrownBy(() -> log.append(new byte[1])).isInstanceOf(IllegalStateException.class);
        log.ack(60);
        assertThat(log.offer(seq(100, 50), 0, 50)).isEqualTo(50);
        assertThat(log.bytesFrom(60, 1000)).isEqualTo(seq(60, 90));
    }

    @Test
    @DisplayName("MUST-14 a client ACK beyond the produced output is PROTOCOL_ERROR")
    void shouldRejectAnAckBeyondTheProducedOutput() {
        OutputLog log = new OutputLog(100);
        log.append(seq(0, 10));
        assertThatThrownBy(() -> log.ack(11)).isInstanceOf(ProtocolException.class)
                .extracting(e -> ((ProtocolException) e).code()).isEqualTo(ErrorCode.PROTOCOL_ERROR);
    }

    @Test
    void shouldRefuseARestoreWhenOutSnapIsBeyondTheLog() {
        assertThatThrownBy(() -> OutputLog.restore(50, 0, new byte[10], 100)).isInstanceOf(IllegalArgumentException.class);
    }
}
