package dev.mtcp.protocol.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mtcp.protocol.ErrorCode;
import dev.mtcp.protocol.ProtocolException;
import dev.mtcp.protocol.frame.Data;
import dev.mtcp.protocol.frame.Limits;
import java.util.Arrays;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class InputLogTest {

    private static byte[] seq(int from, int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (from + i);
        }
        return b;
    }

    private static Data data(int offset, int n) {
        return new Data(offset, seq(offset, n));
    }

    private static byte[] readAll(InputLog log) {
        byte[] out = new byte[(int) log.available()];
        assertThat(log.read(out, 0, out.length)).isEqualTo(out.length);
        return out;
    }

    @Test
    @DisplayName("MUST-13 duplicate and overlapping DATA adds only the new bytes")
    void shouldAcceptOnlyNewBytesWhenRangesOverlap() throws Exception {
        InputLog log = new InputLog(1 << 20);
        assertThat(log.append(data(0, 100))).isEqualTo(100);
        assertThat(log.append(data(0, 100))).isZero();
        assertThat(log.append(data(50, 100))).isEqualTo(50);
        assertThat(log.append(data(10, 20))).isZero();
        assertThat(log.append(data(150, 0))).isZero();
        assertThat(log.receivedOffset()).isEqualTo(150);
        assertThat(readAll(log)).isEqualTo(seq(0, 150));
    }

    @Test
    @DisplayName("MUST-13 DATA beyond the received offset (a gap) is PROTOCOL_ERROR")
    void shouldRejectWhenDataLeavesAGap() throws Exception {
        InputLog log = new InputLog(1000);
        log.append(data(0, 10));
        assertThatThrownBy(() -> log.append(data(11, 5))).isInstanceOf(ProtocolException.class)
                .extracting(e -> ((ProtocolException) e).code()).isEqualTo(ErrorCode.PROTOCOL_ERROR);
    }

    @Test
    @DisplayName("MUST-41 FIN must match the received offset; DATA beyond a FIN is PROTOCOL_ERROR")
    void shouldEndTheStreamAtFinAndRefuseDataBeyondIt() throws Exception {
        InputLog log = new InputLog(1000);
        log.append(data(0, 10));
        assertThatThrownBy(() -> log.fin(9)).isInstanceOf(ProtocolException.class)
                .extracting(e -> ((ProtocolException) e).code()).isEqualTo(ErrorCode.PROTOCOL_ERROR);
        log.fin(10);
        log.fin(10);
        assertThat(log.isFinished()).isTrue();
        assertThat(log.atEndOfStream()).isFalse();
        assertThat(log.append(data(5, 5))).isZero();
        assertThatThrownBy(() -> log.append(data(10, 1))).isInstanceOf(ProtocolException.class);
        readAll(log);
        assertThat(log.atEndOfStream()).isTrue();
    }

    @Test
    @DisplayName("MUST-17 a checkpoint trims the log to inSnap, never beyond what the app consumed")
    void shouldTrimAtTheCheckpointWhenTheAppCheckpoints() throws Exception {
        InputLog log = new InputLog(1 << 20);
        log.append(data(0, 40_000));
        byte[] buf = new byte[30_000];
        log.read(buf, 0, buf.length);
        log.checkpoint(20_000);
        assertThat(log.inSnap()).isEqualTo(20_000);
        assertThat(log.bufferedBytes()).isEqualTo(20_000);
        assertThatThrownBy(() -> log.checkpoint(30_001)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> log.checkpoint(19_999)).isInstanceOf(IllegalArgumentException.class);
        assertThat(log.logBytes()).isEqualTo(seq(20_000, 20_000));
    }

    @Test
    @DisplayName("MUST-18 on the destination the app replays the input log from inSnap, then live bytes")
    void shouldReplayFromInSnapWhenRestored() throws Exception {
        InputLog origin = new InputLog(1 << 20);
        origin.append(data(0, 5000));
        origin.read(new byte[3000], 0, 3000);
        origin.checkpoint(2000);
        InputLog dest = InputLog.restore(origin.inSnap(), origin.logBytes(), 1 << 20);
        assertThat(dest.receivedOffset()).isEqualTo(5000);
        assertThat(dest.consumedOffset()).isEqualTo(2000);
        assertThat(dest.append(data(4000, 2000))).isEqualTo(1000);
        assertThat(readAll(dest)).isEqualTo(seq(2000, 4000));
        dest.replayFrom(3000);
        assertThat(readAll(dest)).isEqualTo(seq(3000, 3000));
    }

    @Test
    @DisplayName("MUST-16 the input log signals full and refuses a peer that is read past one frame of slack")
    void shouldSignalFullAndRefuseOverrunWhenTheAppDoesNotCheckpoint() throws Exception {
        InputLog log = new InputLog(1000);
        log.append(data(0, 999));
        assertThat(log.isFull()).isFalse();
        assertThat(log.remainingCapacity()).isEqualTo(1);
        log.append(new Data(999, new byte[Limits.MAX_DATA_BYTES]));
        assertThat(log.isFull()).isTrue();
        assertThatThrownBy(() -> log.append(new Data(999 + Limits.MAX_DATA_BYTES, new byte[2])))
                .isInstanceOf(ProtocolException.class)
                .extracting(e -> ((ProtocolException) e).code()).isEqualTo(ErrorCode.OVERLOADED);
        byte[] sink = new byte[100_000];
        int n = log.read(sink, 0, sink.length);
        log.checkpoint(n);
        assertThat(log.isFull()).isFalse();
        assertThat(Arrays.copyOf(sink, 999)).isEqualTo(seq(0, 999));
    }
}
