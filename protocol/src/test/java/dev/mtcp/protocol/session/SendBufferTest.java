package dev.mtcp.protocol.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mtcp.protocol.ErrorCode;
import dev.mtcp.protocol.ProtocolException;
import dev.mtcp.protocol.frame.Data;
import dev.mtcp.protocol.frame.Limits;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class SendBufferTest {

    private static byte[] seq(int from, int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (from + i);
        }
        return b;
    }

    @Test
    void shouldCutDataFramesAtTheSendCursorWhenBytesAreAppended() {
        SendBuffer sb = new SendBuffer(1 << 20);
        assertThat(sb.append(seq(0, 100_000))).isZero();
        assertThat(sb.append(seq(0, 10))).isEqualTo(100_000);
        Data d1 = sb.nextData(Integer.MAX_VALUE).orElseThrow();
        assertThat(d1.offset()).isZero();
        assertThat(d1.length()).isEqualTo(Limits.MAX_DATA_BYTES);
        Data d2 = sb.nextData(1000).orElseThrow();
        assertThat(d2.offset()).isEqualTo(Limits.MAX_DATA_BYTES);
        assertThat(d2.bytes()).isEqualTo(seq(Limits.MAX_DATA_BYTES, 1000));
        assertThat(sb.sendOffset()).isEqualTo(Limits.MAX_DATA_BYTES + 1000);
        assertThat(sb.hasUnsent()).isTrue();
    }

    @Test
    @DisplayName("MUST-16 the send buffer is bounded and says so instead of dropping bytes")
    void shouldSignalBackpressureWhenTheLimitIsReached() throws Exception {
        SendBuffer sb = new SendBuffer(100);
        assertThat(sb.offer(seq(0, 150), 0, 150)).isEqualTo(100);
        assertThat(sb.isFull()).isTrue();
        assertThat(sb.remainingCapacity()).isZero();
        assertThat(sb.offer(seq(0, 1), 0, 1)).isZero();
        assertThatThrownBy(() -> sb.append(new byte[1])).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("full");
        sb.ack(40);
        assertThat(sb.isFull()).isFalse();
        assertThat(sb.remainingCapacity()).isEqualTo(40);
        assertThat(sb.bufferedBytes()).isEqualTo(60);
    }

    @Test
    @DisplayName("MUST-14 ACKs are cumulative: stale ones are ignored, one beyond the stream is PROTOCOL_ERROR")
    void shouldIgnoreStaleAcksAndRejectAcksBeyondTheStream() throws Exception {
        SendBuffer sb = new SendBuffer(1000);
        sb.append(seq(0, 500));
        sb.ack(300);
        sb.ack(100);
        assertThat(sb.ackedOffset()).isEqualTo(300);
        assertThatThrownBy(() -> sb.ack(501)).isInstanceOf(ProtocolException.class)
                .extracting(e -> ((ProtocolException) e).code()).isEqualTo(ErrorCode.PROTOCOL_ERROR);
    }

    @Test
    @DisplayName("MUST-15 after a migration the client resends from upDurable; released bytes are STATE_UNAVAILABLE")
    void shouldResendFromUpDurableWhenRestarted() throws Exception {
        SendBuffer sb = new SendBuffer(1000);
        sb.append(seq(0, 500));
        while (sb.nextData(64).isPresent()) {
            // everything went out on the old carrier
        }
        sb.ack(100);
        sb.restartFrom(250);
        assertThat(sb.ackedOffset()).isEqualTo(250);
        Data d = sb.nextData(1000).orElseThrow();
        assertThat(d.offset()).isEqualTo(250);
        assertThat(d.bytes()).isEqualTo(seq(250, 250));
        assertThatThrownBy(() -> sb.restartFrom(200)).isInstanceOf(ProtocolException.class)
                .extracting(e -> ((ProtocolException) e).code()).isEqualTo(ErrorCode.STATE_UNAVAILABLE);
        assertThatThrownBy(() -> sb.restartFrom(501)).isInstanceOf(ProtocolException.class)
                .extracting(e -> ((ProtocolException) e).code()).isEqualTo(ErrorCode.PROTOCOL_ERROR);
        assertThat(sb.bytesFrom(300, 10)).isEqualTo(seq(300, 10));
    }

    @Test
    @DisplayName("MUST-15 resendFrom rewinds to upDurable but keeps every byte until an ACK: a later resume may start lower")
    void shouldKeepBytesBelowUpDurableUntilAckedWhenResendingFrom() throws Exception {
        SendBuffer sb = new SendBuffer(1000);
        sb.append(seq(0, 500));
        while (sb.nextData(64).isPresent()) {
            // everything went out on the old carrier
        }
        sb.ack(100);
        sb.resendFrom(400);
        assertThat(sb.ackedOffset()).isEqualTo(100);
        assertThat(sb.bufferedBytes()).isEqualTo(400);
        Data d = sb.nextData(1000).orElseThrow();
        assertThat(d.offset()).isEqualTo(400);
        assertThat(d.bytes()).isEqualTo(seq(400, 100));
        sb.resendFrom(150);   // the server that said 400 crashed; its backup holds only 150
        assertThat(sb.nextData(1000).orElseThrow().bytes()).isEqualTo(seq(150, 350));
        assertThatThrownBy(() -> sb.resendFrom(99)).isInstanceOf(ProtocolException.class)
                .extracting(e -> ((ProtocolException) e).code()).isEqualTo(ErrorCode.STATE_UNAVAILABLE);
        assertThatThrownBy(() -> sb.resendFrom(501)).isInstanceOf(ProtocolException.class)
                .extracting(e -> ((ProtocolException) e).code()).isEqualTo(ErrorCode.PROTOCOL_ERROR);
        assertThat(sb.sendOffset()).isEqualTo(500);
    }

    @Test
    void shouldKeepOffsetsWhenStartedMidStream() throws Exception {
        SendBuffer sb = new SendBuffer(1L << 40, 10);
        assertThat(sb.append(seq(0, 10))).isEqualTo(1L << 40);
        assertThat(sb.nextData(5).orElseThrow().offset()).isEqualTo(1L << 40);
        sb.ack((1L << 40) + 10);
        assertThat(sb.bufferedBytes()).isZero();
        assertThat(sb.nextData(5)).isEmpty();
    }
}
