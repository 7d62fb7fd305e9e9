package dev.mtcp.client.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mtcp.client.ConnectionObserver;
import dev.mtcp.protocol.ProtocolException;
import dev.mtcp.protocol.frame.Data;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class DownstreamReceiverTest {
    private final AtomicLong consumed = new AtomicLong();
    private final InboundBuffer inbound = new InboundBuffer(consumed::set);
    private final List<Long> downBytes = new ArrayList<>();
    private final List<Long> outstanding = new ArrayList<>();
    private final DownstreamReceiver down = new DownstreamReceiver(inbound, List.of(new ConnectionObserver() {
        @Override
        public void onDownstreamBytes(long n) {
            downBytes.add(n);
        }

        @Override
        public void onServerDataOutstanding(long bytes) {
            outstanding.add(bytes);
        }
    }));

    private static Data data(long offset, String s) {
        return new Data(offset, s.getBytes(StandardCharsets.US_ASCII));
    }

    private String readAll() throws Exception {
        byte[] b = new byte[64];
        StringBuilder sb = new StringBuilder();
        while (inbound.available() > 0) {
            int n = inbound.read(b, 0, b.length);
            sb.append(new String(b, 0, n, StandardCharsets.US_ASCII));
        }
        return sb.toString();
    }

    @Test
    void shouldDeliverEachByteOnceWhenAResendOverlaps() throws Exception {
        assertThat(down.onData(data(0, "hello"))).isEqualTo(5);
        assertThat(down.onData(data(3, "lo wor"))).isEqualTo(4);
        assertThat(down.onData(data(0, "hello"))).isZero();
        assertThat(readAll()).isEqualTo("hello wor");
        assertThat(down.delivered()).isEqualTo(9);
        assertThat(down.published()).isEqualTo(9);
        assertThat(downBytes).containsExactly(5L, 4L);
    }

    @Test
    void shouldFailAndDeliverNothingWhenDataLeavesAGap() throws Exception {
        down.onData(data(0, "ab"));
        assertThatThrownBy(() -> down.onData(data(3, "d"))).isInstanceOf(ProtocolException.class)
                .hasMessageContaining("gap");
        assertThat(down.delivered()).isEqualTo(2);
        assertThat(readAll()).isEqualTo("ab");
    }

    @Test
    void shouldEndTheInputWhenFinIsAtTheDeliveredEnd() throws Exception {
        down.onData(data(0, "abc"));
        down.onFin(3);
        down.onFin(3);   // resent after a migration: ignored
        assertThat(down.finished()).isTrue();
        assertThat(readAll()).isEqualTo("abc");
        assertThat(inbound.read(new byte[1], 0, 1)).isEqualTo(-1);
    }

    @Test
    void shouldRejectFinWhenItIsNotAtTheDeliveredEnd() throws Exception {
        down.onData(data(0, "abc"));
        assertThatThrownBy(() -> down.onFin(5)).isInstanceOf(ProtocolException.class);
        assertThatThrownBy(() -> down.onFin(2)).isInstanceOf(ProtocolException.class);
        assertThat(down.finished()).isFalse();
    }

    @Test
    void shouldRejectDataPastTheFinWhenTheStreamHasEnded() throws Exception {
        down.onData(data(0, "abc"));
        down.onFin(3);
        assertThat(down.onData(data(1, "bc"))).isZero();
        assertThatThrownBy(() -> down.onData(data(3, "d"))).isInstanceOf(ProtocolException.class);
    }

    @Test
    void shouldReportOutstandingBytesUntilTheyArriveWhenTheAppHasReadEverything() throws Exception {
        down.onServerDownEnd(4);
        down.onData(data(0, "ab"));
        down.onData(data(2, "cd"));
        assertThat(outstanding).containsExactly(4L, 0L);
    }
}
