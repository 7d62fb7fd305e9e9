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
class ReceiveCursorTest {

    @Test
    @DisplayName("MUST-41 the downstream FIN must match what was delivered; DATA beyond it is PROTOCOL_ERROR")
    void shouldFinishAtFinAndRefuseDataBeyondIt() throws Exception {
        ReceiveCursor rc = new ReceiveCursor();
        rc.accept(new Data(0, new byte[5]));
        assertThatThrownBy(() -> rc.fin(6)).isInstanceOf(ProtocolException.class);
        rc.fin(5);
        rc.fin(5);
        assertThat(rc.isFinished()).isTrue();
        assertThat(rc.accept(new Data(0, new byte[5]))).isEmpty();
        assertThatThrownBy(() -> rc.accept(new Data(5, new byte[1]))).isInstanceOf(ProtocolException.class)
                .extracting(e -> ((ProtocolException) e).code()).isEqualTo(ErrorCode.PROTOCOL_ERROR);
    }

    @Test
    @DisplayName("MUST-13 the client delivers only bytes beyond what it delivered; a gap is PROTOCOL_ERROR")
    void shouldDeliverOnlyNewBytesWhenDataIsResent() throws Exception {
        ReceiveCursor rc = new ReceiveCursor();
        assertThat(rc.accept(new Data(0, new byte[] {1, 2, 3}))).containsExactly(1, 2, 3);
        assertThat(rc.accept(new Data(1, new byte[] {2, 3, 4, 5}))).containsExactly(4, 5);
        assertThat(rc.accept(new Data(0, new byte[] {1, 2}))).isEmpty();
        assertThat(rc.advance(5, 3)).isZero();
        assertThat(rc.advance(6, 4)).isEqualTo(2);
        assertThat(rc.advance(0, 4)).isEqualTo(4);
        assertThat(rc.delivered()).isEqualTo(10);
        assertThat(rc.accept(new Data(3, new byte[0]))).isEmpty();
        assertThat(rc.delivered()).as("an empty frame at an old offset must not move the cursor back").isEqualTo(10);
        assertThatThrownBy(() -> rc.accept(new Data(11, new byte[1]))).isInstanceOf(ProtocolException.class)
                .extracting(e -> ((ProtocolException) e).code()).isEqualTo(ErrorCode.PROTOCOL_ERROR);
    }
}
